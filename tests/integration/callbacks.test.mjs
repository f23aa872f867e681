// What the node sends to other servers: bbb-webhooks' hooks API and event
// POSTs, the meeting-end callback (meta_endCallbackUrl, meetingEndedURL) and
// the analytics callback (meta_analytics-callback-url). Receivers run on loopback.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { eventually } from '../lib/harness.mjs';
import {
  apiRequest, call, childNames, createMeeting, expectFailed, expectSuccess, nodeFixture, pendingDeliveries, rawCall, receiverFixture,
  restartableNodeFixture, uniqueId,
} from '../lib/api.mjs';
import { decodeWebhook, eventIdOf, hookRequest, sha1 } from '../lib/webhooks.mjs';

async function createHook(node, params) {
  const r = await call(node, 'hooks/create', params);
  return expectSuccess(r);
}

describe('the hooks API', () => {
  const f = nodeFixture();
  const rf = receiverFixture();

  test('hooks/create answers hookID, permanentHook and rawData', async () => {
    const r = await call(f.node, 'hooks/create', { callbackURL: rf.receiver.base + '/api-a' });
    const created = expectSuccess(r);
    assert.deepEqual(childNames(r.text), ['returncode', 'hookID', 'permanentHook', 'rawData']);
    assert.match(created.hookID, /^\d+$/);
    assert.equal(created.permanentHook, 'false');
    assert.equal(created.rawData, 'false');
    const raw = await createHook(f.node, { callbackURL: rf.receiver.base + '/api-raw', getRaw: 'true' });
    assert.equal(raw.rawData, 'true');
  });

  test('the same callbackURL again answers duplicateWarning with the existing hookID', async () => {
    const callbackURL = rf.receiver.base + '/api-dup';
    const first = await createHook(f.node, { callbackURL });
    const again = expectSuccess(await call(f.node, 'hooks/create', { callbackURL }), 'duplicateWarning');
    assert.equal(again.hookID, first.hookID);
    assert.equal(again.message, 'There is already a hook for this callback URL.');
  });

  test('hooks calls are signed over "hooks/<name>"; other checksums fail with checksumError', async () => {
    const query = 'callbackURL=' + encodeURIComponent(rf.receiver.base + '/api-signed');
    const wrong = expectFailed(await rawCall(f.node, 'hooks/create', query, { secret: 'other' }), 'checksumError');
    assert.equal(wrong.message, 'You did not pass the checksum security check.');
    const signedAsCreate = `${query}&checksum=${sha1('create' + query + f.node.secret)}`;
    expectFailed(await apiRequest(f.node, 'hooks/create', { query: signedAsCreate }), 'checksumError');
    expectSuccess(await rawCall(f.node, 'hooks/list', '', { alg: 'sha256' }));
  });

  test('missing parameters fail with missingParamCallbackURL and missingParamHookID', async () => {
    expectFailed(await call(f.node, 'hooks/create', {}), 'missingParamCallbackURL');
    expectFailed(await call(f.node, 'hooks/destroy', {}), 'missingParamHookID');
  });

  test('hooks/list shows each hook with its callbackURL and meetingID in CDATA, filtered by meetingID', async () => {
    const callbackURL = rf.receiver.base + '/api-list?a=1&b=x%20y';
    const meetingID = uniqueId('hook-list');
    const created = await createHook(f.node, { callbackURL, meetingID });
    const r = await call(f.node, 'hooks/list', { meetingID });
    const hooks = [expectSuccess(r).hooks.hook].flat();
    assert.ok(r.text.includes(`<callbackURL><![CDATA[${callbackURL}]]></callbackURL>`), r.text);
    assert.ok(r.text.includes(`<meetingID><![CDATA[${meetingID}]]></meetingID>`), r.text);
    const mine = hooks.find((h) => h.hookID === created.hookID);
    assert.equal(mine.permanentHook, 'false');
    assert.equal(mine.rawData, 'false');
    const other = [expectSuccess(await call(f.node, 'hooks/list', { meetingID: uniqueId('other') })).hooks?.hook].flat();
    assert.ok(!other.some((h) => h?.hookID === created.hookID), 'a meeting-specific hook is not listed for another meeting');
  });

  test('hooks/destroy removes a hook; an unknown hookID fails with destroyMissingHook', async () => {
    const { hookID } = await createHook(f.node, { callbackURL: rf.receiver.base + '/api-destroy' });
    const r = await call(f.node, 'hooks/destroy', { hookID });
    assert.deepEqual(childNames(r.text), ['returncode', 'removed']);
    assert.equal(expectSuccess(r).removed, 'true');
    const hooks = [expectSuccess(await call(f.node, 'hooks/list')).hooks.hook].flat();
    assert.ok(!hooks.some((h) => h?.hookID === hookID));
    expectFailed(await call(f.node, 'hooks/destroy', { hookID }), 'destroyMissingHook');
    expectFailed(await call(f.node, 'hooks/destroy', { hookID: 'not-a-number' }), 'destroyMissingHook');
  });
});

describe('webhook events', () => {
  const f = nodeFixture();
  // The first delivery to a /flaky path is answered 500, every other one 200.
  const failedOnce = new Set();
  const rf = receiverFixture({
    status: (r) => {
      r.receivedAt = Date.now();
      const path = r.url.split('?')[0];
      if (path.startsWith('/flaky') && !failedOnce.has(path)) { failedOnce.add(path); return 500; }
      return 200;
    },
  });

  test("a meeting's events arrive as signed form POSTs: created, user joined, chat, user left, ended", async () => {
    const meetingID = uniqueId('events');
    const callbackURL = `${rf.receiver.base}/events?meeting=${encodeURIComponent(meetingID)}`;
    const onlyEnded = `${rf.receiver.base}/only-ended`;
    await createHook(f.node, { callbackURL, meetingID });
    await createHook(f.node, { callbackURL: onlyEnded, meetingID, eventID: 'meeting-ended' });
    const path = new URL(callbackURL).pathname;
    const next = async (id) => decodeWebhook(await rf.receiver.waitFor(hookRequest(path, id)), callbackURL, f.node.secret);

    const created = await createMeeting(f.node, { meetingID, name: 'Hooked' });
    const createdEvent = await next('meeting-created');
    assert.equal(createdEvent.attributes.meeting['external-meeting-id'], meetingID);
    assert.equal(createdEvent.attributes.meeting['internal-meeting-id'], created.internalMeetingID);
    assert.equal(createdEvent.attributes.meeting.name, 'Hooked');

    const user = await f.enter(meetingID, 'Hook user', { role: 'MODERATOR', userID: 'hook-user' });
    const joined = await next('user-joined');
    assert.equal(joined.attributes.meeting['internal-meeting-id'], created.internalMeetingID);
    assert.equal(joined.attributes.user['external-user-id'], 'hook-user');
    assert.equal(joined.attributes.user['internal-user-id'], user.userId);
    assert.equal(joined.attributes.user.name, 'Hook user');
    assert.equal(joined.attributes.user.role, 'MODERATOR');

    user.session.send({ type: 'chatSend', text: 'hello hooks & co' });
    const chat = await next('chat-group-message-sent');
    assert.equal(chat.attributes['chat-message'].message, 'hello hooks & co');
    assert.equal(chat.attributes['chat-message'].sender['external-user-id'], 'hook-user');

    await user.session.close();
    const left = await next('user-left');
    assert.equal(left.attributes.user['external-user-id'], 'hook-user');

    expectSuccess(await call(f.node, 'end', { meetingID }));
    const ended = await next('meeting-ended');
    assert.equal(ended.attributes.meeting['external-meeting-id'], meetingID);

    const endedOnly = await rf.receiver.waitFor((r) => r.url.startsWith('/only-ended?'));
    assert.equal(decodeWebhook(endedOnly, onlyEnded, f.node.secret).id, 'meeting-ended');
    await eventually(async () => (await pendingDeliveries(f.node)) === 0);
    const filtered = rf.receiver.requests.filter((r) => r.url.startsWith('/only-ended?'));
    assert.deepEqual(filtered.map(eventIdOf), ['meeting-ended'], 'an eventID filter lets only that event through');
  });

  test('a hook for one meeting receives nothing of another', async () => {
    const watched = uniqueId('watched');
    const other = uniqueId('other');
    await createHook(f.node, { callbackURL: `${rf.receiver.base}/watched`, meetingID: watched });
    await createMeeting(f.node, { meetingID: other });
    await createMeeting(f.node, { meetingID: watched });
    const req = await rf.receiver.waitFor(hookRequest('/watched', 'meeting-created'));
    await eventually(async () => (await pendingDeliveries(f.node)) === 0);
    const got = rf.receiver.requests.filter((r) => r.url.startsWith('/watched?'));
    assert.deepEqual(got, [req]);
    assert.equal(decodeWebhook(req, `${rf.receiver.base}/watched`, f.node.secret).attributes.meeting['external-meeting-id'], watched);
  });

  test('an event answered with 500 is delivered again about a second later', async () => {
    const meetingID = uniqueId('retry');
    const callbackURL = `${rf.receiver.base}/flaky-retry`;
    await createHook(f.node, { callbackURL, meetingID });
    await createMeeting(f.node, { meetingID });
    const attempts = await eventually(() => {
      const got = rf.receiver.requests.filter(hookRequest('/flaky-retry', 'meeting-created'));
      return got.length >= 2 && got;
    }, { timeoutMs: 15000 });
    assert.equal(attempts[1].body, attempts[0].body, 'the same event is sent again');
    assert.equal(attempts[1].url, attempts[0].url);
    assert.ok(attempts[1].receivedAt - attempts[0].receivedAt >= 800, 'the retry waits about a second');
    decodeWebhook(attempts[1], callbackURL, f.node.secret);
  });
});

describe('hooks across a node restart', () => {
  const f = restartableNodeFixture();
  const rf = receiverFixture();

  test('a hook created before a restart is listed and delivered to afterwards', async () => {
    const callbackURL = rf.receiver.base + '/durable';
    const { hookID } = await createHook(f.node, { callbackURL });
    await f.restart();
    const hooks = [expectSuccess(await call(f.node, 'hooks/list')).hooks.hook].flat();
    const mine = hooks.find((h) => h.hookID === hookID);
    assert.equal(mine?.callbackURL, callbackURL);
    const meetingID = uniqueId('after-restart');
    await createMeeting(f.node, { meetingID });
    const req = await rf.receiver.waitFor(hookRequest('/durable', 'meeting-created'));
    assert.equal(decodeWebhook(req, callbackURL, f.node.secret).attributes.meeting['external-meeting-id'], meetingID);
  });
});

describe('the meeting-end callbacks', () => {
  const f = nodeFixture();
  const rf = receiverFixture();

  async function endedCallback(path, params) {
    const meetingID = uniqueId('end cb');
    await createMeeting(f.node, { meetingID, ...params });
    expectSuccess(await call(f.node, 'end', { meetingID }));
    const req = await rf.receiver.waitFor((r) => r.url.startsWith(path + '?'));
    assert.equal(req.method, 'GET');
    return { meetingID, query: new URL(req.url, 'http://receiver').searchParams };
  }

  test('meta_endCallbackUrl gets a GET with recordingmarks and the external meetingID, its own query kept', async () => {
    const url = `${rf.receiver.base}/ended?tenant=a%20b&x=1`;
    const { meetingID, query } = await endedCallback('/ended', { meta_endCallbackUrl: url });
    assert.equal(query.get('tenant'), 'a b');
    assert.equal(query.get('x'), '1');
    assert.equal(query.get('recordingmarks'), 'false');
    assert.equal(query.get('meetingID'), meetingID);
  });

  test('meetingEndedURL gets the same GET', async () => {
    const { meetingID, query } = await endedCallback('/ended-url', { meetingEndedURL: `${rf.receiver.base}/ended-url` });
    assert.equal(query.get('recordingmarks'), 'false');
    assert.equal(query.get('meetingID'), meetingID);
  });

  test('a breakout room does not call its endCallbackUrl', async () => {
    const parent = await createMeeting(f.node, { meetingID: uniqueId('parent') });
    const meetingID = uniqueId('breakout');
    await createMeeting(f.node, {
      meetingID, isBreakout: 'true', parentMeetingID: parent.internalMeetingID, sequence: '1',
      meta_endCallbackUrl: `${rf.receiver.base}/breakout-ended`,
      'meta_analytics-callback-url': `${rf.receiver.base}/breakout-analytics`, meetingKeepEvents: 'true',
    });
    expectSuccess(await call(f.node, 'end', { meetingID }));
    // The analytics callback is queued after the end callback would have been.
    await rf.receiver.waitFor((r) => r.url === '/breakout-analytics');
    await eventually(async () => (await pendingDeliveries(f.node)) === 0);
    assert.ok(!rf.receiver.requests.some((r) => r.url.startsWith('/breakout-ended')));
  });
});

describe('the analytics callback', () => {
  const f = nodeFixture();
  const rf = receiverFixture();

  test('meta_analytics-callback-url gets a JSON POST with an HS512 Bearer token signed with the secret', async () => {
    const meetingID = uniqueId('analytics');
    const created = await createMeeting(f.node, {
      meetingID, name: 'Analytics', meetingKeepEvents: 'true',
      'meta_analytics-callback-url': `${rf.receiver.base}/analytics?activity=9`, 'meta_bbb-context': 'course',
    });
    const mod = await f.enter(meetingID, 'Teacher', { role: 'MODERATOR', userID: 'teacher-1' });
    const viewer = await f.enter(meetingID, 'Student', { role: 'VIEWER', userID: 'student-1' });
    viewer.session.send({ type: 'chatSend', text: 'question' });
    await mod.session.next('chat');
    await viewer.session.close();
    await eventually(async () => (await call(f.node, 'getMeetingInfo', { meetingID })).xml.response.participantCount === '1');
    const endedAt = Date.now();
    expectSuccess(await call(f.node, 'end', { meetingID }));

    const req = await rf.receiver.waitFor((r) => r.url === '/analytics?activity=9');
    assert.equal(req.method, 'POST');
    assert.match(req.headers['content-type'], /^application\/json/);
    assert.equal(req.headers['user-agent'], 'BigBlueButton Analytics Callback');

    const [scheme, token] = req.headers.authorization.split(' ');
    assert.equal(scheme, 'Bearer');
    const [header, claims, signature] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url')), { typ: 'JWT', alg: 'HS512' });
    assert.equal(signature, createHmac('sha512', f.node.secret).update(`${header}.${claims}`).digest('base64url'));
    const { exp } = JSON.parse(Buffer.from(claims, 'base64url'));
    assert.ok(Math.abs(exp - (endedAt / 1000 + 24 * 3600)) < 300, `exp ${exp} is about a day ahead`);

    const body = JSON.parse(req.body);
    assert.equal(body.version, '1.0');
    assert.equal(body.meeting_id, meetingID);
    assert.equal(body.internal_meeting_id, created.internalMeetingID);
    assert.equal(body.data.metadata['bbb-context'], 'course');
    const byId = Object.fromEntries(body.data.attendees.map((a) => [a.ext_user_id, a]));
    assert.deepEqual(Object.keys(byId).sort(), ['student-1', 'teacher-1']);
    for (const a of Object.values(byId)) {
      assert.equal(a.joins.length, 1);
      assert.equal(a.leaves.length, 1);
      assert.ok(Number.isInteger(a.duration) && a.duration >= 0);
    }
    assert.equal(byId['teacher-1'].moderator, true);
    assert.equal(byId['student-1'].moderator, false);
    assert.equal(byId['student-1'].name, 'Student');
    assert.equal(byId['student-1'].engagement.chats, 1);
  });
});
