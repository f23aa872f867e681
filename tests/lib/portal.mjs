// Helpers for the portal's tests: a running `bluemeet portal` in front of a
// test federation's gateway, and a browser-like API client that keeps the
// cookies and sends the CSRF token as the web app does.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './harness.mjs';

export async function startPortal({ gatewayApi, secret, args = [], dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'bluemeet-portal-'));
  const proc = spawn(BIN, ['portal', '--listen', '127.0.0.1:0', '--data', dir, '--gateway', gatewayApi, '--secret', secret,
    '--log-level', 'warn', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('portal did not start in 20 s:\n' + stderr)), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`portal exited (${code}):\n${stderr}`)); });
  });
  proc.removeAllListeners('exit');
  return {
    url, dataDir: dir, proc, stderr: () => stderr,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// One browser's view of the API: its cookie jar and CSRF token.
export function browser(portalUrl) {
  const jar = new Map();
  let csrf = '';
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(c) || value === '') jar.delete(name); else jar.set(name, value);
    }
  };
  const b = {
    jar,
    async request(method, path, body, { csrf: token = csrf } = {}) {
      const headers = { Cookie: cookieHeader() };
      if (method !== 'GET') headers['X-CSRF-Token'] = token;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(`${portalUrl}/api/v1/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
      keep(res);
      const text = await res.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      return { status: res.status, json, headers: res.headers };
    },
    async session() {
      const r = await b.request('GET', 'session');
      csrf = r.json.csrfToken;
      return r.json;
    },
    get: (path) => b.request('GET', path),
    post: (path, body = {}) => b.request('POST', path, body),
    patch: (path, body = {}) => b.request('PATCH', path, body),
    del: (path) => b.request('DELETE', path),
    async signIn(email, password) {
      await b.session();
      const r = await b.post('session', { email, password });
      await b.session();
      return r;
    },
  };
  return b;
}
