import { defineConfig } from 'vite';

// The node serves the built client under /client/ (see docs/session-protocol.md):
// index.html for every non-asset path, hashed files under /client/assets/.
export default defineConfig({
  base: '/client/',
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
