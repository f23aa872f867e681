import { defineConfig } from 'vite';

// The portal (`bluemeet portal`) serves the built app at the site root: hashed files
// under /assets/, index.html for every other path that is not /api/ (client-side
// routing on the History API). See README.md and docs/portal-api.yaml.
export default defineConfig({
  base: '/',
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // Keep everything same-origin and self-contained: no modulepreload polyfill fetches.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
  },
});
