// Helpers shared by the integration tests: raw requests with exact query
// bytes, BBB response assertions, and node/session lifecycles tied to
// node:test hooks so that every process and socket is stopped, even on failure.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { call, checksum, joinUser, openSession, parseXml, startNode } from './harness.mjs';

// A fresh meeting ID per test keeps tests in one file independent.
let seq = 0;
export const uniqueId = (prefix = 'm') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

// Appends a checksum over exactly `query` (the bytes as they will be sent).
export function signQuery(node, callName, query, { alg = 'sha1', secret = node.secret } = {}) {
  const cs = checksum(callName, query, secret, alg);
  return query ? `${query}&checksum=${cs}` : `checksum=${cs}`;
}

// Sends a request to /bigbluebutton/api/<path>?<query> with the query bytes untouched.
export async function apiRequest(node, path, { query, method = 'GET', headers = {}, body } = {}) {
  const url = node.api + path + (query === undefined ? '' : '?' + query);
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = Buffer.from(bytes).toString('utf8');
  return { status: res.status, headers: res.headers, bytes, text, xml: safeParse(text) };
}

function safeParse(text) {
  try { return parseXml(text); } catch { return null; }
}

// GET call?<query>&checksum=… where query is signed exactly as given.
export function rawCall(node, callName, query, opts = {}) {
  return apiRequest(node, callName, { ...opts, query: signQuery(node, callName, query, opts) });
}

export function expectSuccess(r, messageKey) {
  assert.equal(r.status, 200, `HTTP status; body: ${r.text}`);
  assert.equal(r.xml?.response?.returncode, 'SUCCESS', r.text);
  if (messageKey !== undefined) assert.equal(r.xml.response.messageKey, messageKey, r.text);
  return r.xml.response;
}

// A BBB failure: HTTP 200, XML, returncode FAILED with the given messageKey.
export function expectFailed(r, messageKey) {
  assert.equal(r.status, 200, `HTTP status; body: ${r.text}`);
  assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
  assert.equal(r.xml?.response?.returncode, 'FAILED', r.text);
  if (messageKey !== undefined) assert.equal(r.xml.response.messageKey, messageKey, r.text);
  return r.xml.response;
}

// BBB's older multi-error envelope: <errors><error><key/><message/></error></errors>.
export function expectErrorsEnvelope(r, key) {
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
      const user = await joinUser(fixture.node, meetingID, fullName, extra);
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
