// Test harness: real `bluemeet` processes on loopback, a receiver for
// callbacks, and BBB request signing in the encodings real clients use.
// Everything listens on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import fxp from 'fast-xml-parser';
import WebSocket from 'ws';

export const BIN = process.env.BLUEMEET_BIN ?? new URL('../../build/bluemeet', import.meta.url).pathname;

// Starts `bluemeet node` on a free loopback port; resolves once it serves.
export async function startNode({ secret = 'test-secret-' + Math.random().toString(36).slice(2), args = [], dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'bluemeet-node-'));
  // Media only where a test asks for it (--janus auto|ws://...): a Janus per node would slow every other test.
  const media = args.includes('--janus') ? [] : ['--janus', 'off'];
  const proc = spawn(BIN, ['node', '--listen', '127.0.0.1:0', '--secret', secret, '--data', dir, '--log-level', 'warn', ...media, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('node did not start in 20 s:\n' + stderr)), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`node exited (${code}):\n${stderr}`)); });
    proc.on('error', (err) => { clearTimeout(timer); reject(new Error(`cannot start ${BIN}: ${err.message}`)); });
  });
  proc.removeAllListeners('exit');
  const node = {
    url, secret, dataDir: dir, proc,
    api: url + '/bigbluebutton/api/',
    stderr: () => stderr,
    async stop({ keepData = false, signal = 'SIGTERM' } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill(signal);
        await exited;
      }
      if (!keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return node;
}

// An HTTP server that records every request, for callbacks and webhooks.
export async function startReceiver({ status = 200 } = {}) {
  const requests = [];
  const waiters = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const r = { method: req.method, url: req.url, headers: req.headers, body };
      requests.push(r);
      for (const w of [...waiters]) if (w.pred(r)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(r); }
      res.writeHead(typeof status === 'function' ? status(r) : status).end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base, requests,
    // Resolves with the first request (past or future) that matches.
    waitFor(pred, timeoutMs = 15000) {
      const hit = requests.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (r) => { clearTimeout(timer); resolve(r); } };
        waiters.push(w);
        const timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error('no matching request in ' + timeoutMs + ' ms; got ' + JSON.stringify(requests.map((q) => q.method + ' ' + q.url)))); }, timeoutMs);
      });
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

export function checksum(call, query, secret, alg = 'sha1') {
  return createHash(alg).update(call + query + secret).digest('hex');
}

// How each client family encodes a parameter list (see docs/bbb-api-conformance.md).
const pct = (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
export const encoders = {
  // bigbluebutton-js / Node querystring: space as %20, !'()*~ left as they are.
  js: (params) => Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
  // PHP lib 3.0: http_build_query(RFC3986) then %20 -> +; !'()* percent-encoded.
  php: (params) => Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/[!'()*]/g, pct).replace(/%20/g, '+')}`).join('&'),
  // Ruby gem: keys sorted, URI.encode_www_form_component (space as +, only *-._ and alphanumerics kept).
  ruby: (params) => Object.keys(params).sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]).replace(/[!'()~]/g, pct).replace(/%20/g, '+')}`).join('&'),
  // Moodle: http_build_query RFC1738 (space as +, ~ as %7E, only -_. kept).
  moodle: (params) => Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/[!'()*~]/g, pct).replace(/%20/g, '+')}`).join('&'),
};

// A signed API URL: encoder is one of `encoders`, alg sha1/sha256/sha384/sha512.
export function signedUrl(node, call, params = {}, { encoder = 'js', alg = 'sha1', secret = node.secret } = {}) {
  const q = encoders[encoder](params);
  const cs = checksum(call, q, secret, alg);
  return `${node.api}${call}?${q ? q + '&' : ''}checksum=${cs}`;
}

// GET a signed call; returns { status, headers, text, xml } (xml parsed, values as strings).
export async function call(node, name, params = {}, opts = {}) {
  const res = await fetch(signedUrl(node, name, params, opts), { redirect: 'manual', method: opts.method ?? 'GET' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, xml: parseXml(text) };
}

// XML to objects without coercing values (a meeting ID "0042" stays a string).
export function parseXml(text) {
  if (!text.trimStart().startsWith('<')) return null;
  return fxp.parse(text, { ignoreAttributes: false, parseNodeValue: false, parseTrueNumberOnly: false, arrayMode: false });
}

// Joins through the API (redirect=false) and returns the session token and user.
export async function joinUser(node, meetingID, fullName, extra = {}) {
  const r = await call(node, 'join', { meetingID, fullName, redirect: 'false', ...extra });
  if (r.xml?.response?.returncode !== 'SUCCESS') throw new Error('join failed: ' + r.text);
  return { token: r.xml.response.session_token, userId: r.xml.response.user_id, url: r.xml.response.url };
}

// A client session over the node's WebSocket, as the web client opens it.
export async function openSession(node, token) {
  const ws = new WebSocket(node.url.replace(/^http/, 'ws') + '/client/ws?sessionToken=' + encodeURIComponent(token));
  const messages = [];
  const waiters = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    messages.push(m);
    for (const w of [...waiters]) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
  });
  const closed = new Promise((r) => ws.on('close', r));
  await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
  return {
    ws, messages, closed,
    send: (m) => ws.send(JSON.stringify(m)),
    next(pred, timeoutMs = 10000) {
      const p = typeof pred === 'string' ? (m) => m.type === pred : pred;
      const hit = messages.find(p);
      if (hit) { messages.splice(messages.indexOf(hit), 1); return Promise.resolve(hit); }
      return new Promise((resolve, reject) => {
        const w = { pred: p, resolve: (m) => { clearTimeout(timer); messages.splice(messages.indexOf(m), 1); resolve(m); } };
        waiters.push(w);
        const timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error('no message matching in ' + timeoutMs + ' ms; got ' + JSON.stringify(messages.map((x) => x.type)))); }, timeoutMs);
      });
    },
    close: () => { ws.close(); return closed; },
  };
}

// Polls fn until it returns a truthy value (for state that settles asynchronously).
export async function eventually(fn, { timeoutMs = 10000, intervalMs = 50 } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try { last = await fn(); if (last) return last; } catch (e) { last = e; }
    await sleep(intervalMs);
  }
  throw new Error('condition not met in ' + timeoutMs + ' ms: ' + (last instanceof Error ? last.message : JSON.stringify(last)));
}
