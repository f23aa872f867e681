// Webhook POSTs as bbb-webhooks sends them, for the tests that receive them
// from a node or through the gateway.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

export const sha1 = (s) => createHash('sha1').update(s).digest('hex');

// A webhook POST checked against its hook's callbackURL and secret; returns the event's data.
export function decodeWebhook(req, callbackURL, secret) {
  assert.equal(req.method, 'POST');
  assert.match(req.headers['content-type'], /^application\/x-www-form-urlencoded/);
  const sent = new URL(req.url, 'http://receiver');
  const expectedChecksum = sha1(callbackURL + req.body + secret);
  assert.equal(sent.searchParams.get('checksum'), expectedChecksum, 'checksum = sha1(callbackURL + body + secret)');
  const form = new URLSearchParams(req.body);
  assert.deepEqual([...form.keys()], ['domain', 'event', 'timestamp']);
  assert.equal(form.get('domain'), '127.0.0.1');
  assert.match(form.get('timestamp'), /^\d{13}$/);
  const events = JSON.parse(form.get('event'));
  assert.ok(Array.isArray(events) && events.length === 1, form.get('event'));
  const [event] = events;
  assert.equal(event.data.type, 'event');
  assert.equal(typeof event.data.event.ts, 'number');
  return event.data;
}

export const eventIdOf = (req) => {
  try { return JSON.parse(new URLSearchParams(req.body).get('event'))[0].data.id; } catch { return null; }
};
// A receiver predicate: a POST to `path` carrying event `eventId`.
export const hookRequest = (path, eventId) => (r) => r.url.startsWith(path + '?') && eventIdOf(r) === eventId;
