// Helpers shared by the integration tests: raw requests with exact query
// bytes, BBB response assertions, and node/session lifecycles tied to
// node:test hooks so that every process and socket is stopped, even on failure.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, before } from 'node:test';
import fxp from 'fast-xml-parser';
import { checksum, encoders, openSession, startNode, startReceiver } from './harness.mjs';

// A fresh meeting ID per test keeps tests in one file independent.
let seq = 0;
export const uniqueId = (prefix = 'm') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

// Appends a checksum over exactly `query` (the bytes as they will be sent).
export function signQuery(node, callName, query, { alg = 'sha1', secret = node.secret } = {}) {
  const cs = checksum(callName, query, secret, alg);
  return query ? `${query}&checksum=${cs}` : `checksum=${cs}`;
}

// Sends a request to /bigbluebutton/api/<path>?<query> with the query bytes
// untouched. node:http is used rather than fetch, whose URL parser would
// re-encode characters such as ' and thereby change what was signed.
export function apiRequest(node, path, { query, method = 'GET', headers = {}, body } = {}) {
  const target = new URL(node.api);
  const reqPath = target.pathname + path + (query === undefined ? '' : '?' + query);
  return httpRequest(target, reqPath, { method, headers, body });
}

export function httpRequest(base, path, { method = 'GET', headers = {}, body } = {}) {
  const url = new URL(base);
  const payload = body === undefined ? undefined : Buffer.from(body);
  const allHeaders = { ...headers, ...(payload ? { 'Content-Length': payload.length } : {}) };
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers: allHeaders }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) h.set(k, [v].flat().join(', '));
        resolve({ status: res.statusCode, headers: h, bytes, text, xml: parseBbbXml(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e) =>
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    : ENTITIES[e.toLowerCase()]);

// XML to objects with values as (entity-decoded) strings; null if not XML.
export function parseBbbXml(text) {
  if (!text.trimStart().startsWith('<')) return null;
  try {
    return fxp.parse(text, {
      ignoreAttributes: false, parseNodeValue: false, parseAttributeValue: false, arrayMode: false,
      tagValueProcessor: (v) => decodeEntities(v), attrValueProcessor: (v) => decodeEntities(v),
    });
  } catch {
    return null;
  }
}

// A signed API call, like harness call(), sent byte-exact (encoder: js, php, ruby, moodle).
export function call(node, callName, params = {}, { encoder = 'js', alg = 'sha1', secret = node.secret, method = 'GET' } = {}) {
  return rawCall(node, callName, encoders[encoder](params), { alg, secret, method });
}

// GET call?<query>&checksum=… where query is signed exactly as given.
export function rawCall(node, callName, query, opts = {}) {
  return apiRequest(node, callName, { ...opts, query: signQuery(node, callName, query, opts) });
}

// A BBB XML answer: HTTP 200, text/xml, not cacheable.
function expectXmlAnswer(r) {
  assert.equal(r.status, 200, `HTTP status; body: ${r.text}`);
  assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
  assert.equal(r.headers.get('cache-control'), 'no-cache');
}

export function expectSuccess(r, messageKey) {
  expectXmlAnswer(r);
  assert.equal(r.xml?.response?.returncode, 'SUCCESS', r.text);
  if (messageKey !== undefined) assert.equal(r.xml.response.messageKey, messageKey, r.text);
  return r.xml.response;
}

// A BBB failure: HTTP 200, XML, returncode FAILED with the given messageKey.
export function expectFailed(r, messageKey) {
  expectXmlAnswer(r);
  assert.equal(r.xml?.response?.returncode, 'FAILED', r.text);
  if (messageKey !== undefined) assert.equal(r.xml.response.messageKey, messageKey, r.text);
  return r.xml.response;
}

// BBB's older multi-error envelope: <errors><error><key/><message/></error></errors>.
export function expectErrorsEnvelope(r, key) {
  expectXmlAnswer(r);
  assert.equal(r.xml?.response?.returncode, 'FAILED', r.text);
  const errors = [r.xml.response.errors?.error].flat();
  assert.ok(errors.some((e) => e?.key === key), `expected <error><key>${key}</key> in ${r.text}`);
}

// The names of the direct children of the root element, in document order.
export function childNames(xmlText) {
  const text = xmlText.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  const names = [];
  let depth = 0;
  for (const m of text.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (closing) { depth--; continue; }
    if (depth === 1) names.push(name);
    if (!selfClosing) depth++;
  }
  return names;
}

// The children of the first element called `name` (its direct children, in order).
export function childNamesOf(xmlText, name) {
  const start = xmlText.indexOf(`<${name}>`);
  const end = xmlText.indexOf(`</${name}>`, start);
  assert.ok(start >= 0 && end > start, `no <${name}> in ${xmlText}`);
  return childNames(xmlText.slice(start, end + name.length + 3));
}

// Array-or-object normalisation for repeated XML elements.
export const asList = (v) => (v === undefined || v === '' ? [] : [v].flat());

// Joins through the API (redirect=false); returns the session token and user IDs.
export async function join(node, meetingID, fullName, extra = {}) {
  const r = expectSuccess(await call(node, 'join', { meetingID, fullName, redirect: 'false', ...extra }));
  return { token: r.session_token, userId: r.user_id, url: r.url, response: r };
}

export async function createMeeting(node, params, opts) {
  const r = await call(node, 'create', { name: 'Integration test', ...params }, opts);
  return expectSuccess(r);
}

export async function meetingInfo(node, meetingID, opts) {
  return expectSuccess(await call(node, 'getMeetingInfo', { meetingID }, opts));
}

export const attendeesOf = (info) => asList(info.attendees?.attendee);

// Starts a node for the enclosing describe() (or file) and stops it afterwards.
// Sessions opened through fixture.enter() are closed before the node stops.
export function nodeFixture(options = {}) {
  const fixture = {
    node: null,
    sessions: [],
    async enter(meetingID, fullName, extra = {}) {
      const user = await join(fixture.node, meetingID, fullName, extra);
      const session = await fixture.open(user.token);
      const first = await session.next((m) => m.type === 'welcome' || m.type === 'waiting');
      return { ...user, session, first };
    },
    async open(token) {
      const session = await openSession(fixture.node, token);
      fixture.sessions.push(session);
      return session;
    },
  };
  before(async () => { fixture.node = await startNode(options); });
  after(async () => {
    await closeAll(fixture.sessions);
    await fixture.node?.stop();
  });
  return fixture;
}

export async function closeAll(sessions) {
  await Promise.all(sessions.splice(0).map((s) => (s.ws.readyState === s.ws.CLOSED ? null : s.close())));
}

// A node that can be restarted on the same data directory and secret.
// The data directory is removed after the enclosing describe() (or file).
export function restartableNodeFixture(options = {}) {
  const fixture = {
    node: null,
    dataDir: null,
    // Stops the node (SIGTERM, or SIGKILL to simulate a crash) and starts a new one on the same data.
    async restart({ signal = 'SIGTERM' } = {}) {
      await fixture.node.stop({ keepData: true, signal });
      fixture.node = await startNode({ ...options, secret: fixture.node.secret, dataDir: fixture.dataDir });
      return fixture.node;
    },
  };
  before(async () => {
    fixture.dataDir = mkdtempSync(joinPath(tmpdir(), 'bluemeet-restart-'));
    fixture.node = await startNode({ ...options, dataDir: fixture.dataDir });
  });
  after(async () => {
    await fixture.node?.stop();
    if (fixture.dataDir) rmSync(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}

// Callbacks and webhook events the node has queued but not yet delivered (from /metrics).
export async function pendingDeliveries(node) {
  const text = await (await fetch(node.url + '/metrics')).text();
  const m = text.match(/^bluemeet_node_pending_deliveries (\d+)$/m);
  assert.ok(m, 'pending deliveries gauge in /metrics');
  return Number(m[1]);
}

// A callback receiver (harness startReceiver) for the enclosing describe() (or file).
export function receiverFixture(options) {
  const fixture = { receiver: null };
  before(async () => { fixture.receiver = await startReceiver(options); });
  after(async () => { await fixture.receiver?.close(); });
  return fixture;
}
