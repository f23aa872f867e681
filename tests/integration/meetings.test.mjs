// The meeting calls of the BBB API against a real node: create, join,
// isMeetingRunning, getMeetingInfo, getMeetings, end, getSessions,
// sendChatMessage, insertDocument, the session-token calls, and hostile input.
// A joined user becomes an attendee when their client session (WebSocket) connects.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { eventually } from '../lib/harness.mjs';
import {
  apiRequest, attendeesOf, call, childNames, childNamesOf, createMeeting, expectErrorsEnvelope, expectFailed,
  expectSuccess, join, meetingInfo, nodeFixture, rawCall, uniqueId,
} from '../lib/api.mjs';

// Where users go when nothing better is known; never contacted by these tests.
const DEFAULT_LOGOUT = 'http://127.0.0.1:1/goodbye';

const sha1 = (s) => createHash('sha1').update(s).digest('hex');

const CREATE_FIELDS = [
  'returncode', 'meetingID', 'internalMeetingID', 'parentMeetingID', 'attendeePW', 'moderatorPW', 'createTime',
  'voiceBridge', 'dialNumber', 'createDate', 'hasUserJoined', 'duration', 'hasBeenForciblyEnded', 'messageKey', 'message',
];
const MEETING_INFO_FIELDS = [
  'returncode', 'meetingName', 'meetingID', 'internalMeetingID', 'createTime', 'createDate', 'voiceBridge', 'dialNumber',
  'attendeePW', 'moderatorPW', 'running', 'duration', 'hasUserJoined', 'recording', 'hasBeenForciblyEnded', 'startTime',
  'endTime', 'participantCount', 'listenerCount', 'voiceParticipantCount', 'videoCount', 'maxUsers', 'moderatorCount',
  'attendees', 'metadata', 'isBreakout',
];
const ATTENDEE_FIELDS = [
  'userID', 'fullName', 'role', 'isPresenter', 'isListeningOnly', 'hasJoinedVoice', 'hasVideo', 'clientType', 'customdata',
];
const JOIN_FIELDS = ['returncode', 'messageKey', 'message', 'meeting_id', 'user_id', 'auth_token', 'session_token', 'guestStatus', 'url'];
const JAVA_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{2}:\d{2}:\d{2} [A-Z]{2,5} \d{4}$/;

const TOKEN = /^[a-z0-9]{16}$/;

// The JSON a session-token call answers with (no checksum).
async function tokenCall(node, name, token) {
  const r = await apiRequest(node, name, { query: 'sessionToken=' + encodeURIComponent(token) });
  assert.match(r.headers.get('content-type'), /^application\/json/);
  return JSON.parse(r.text).response;
}

// The errors a failed redirect-style join carries: Location ?errors=[{key,message}].
function redirectErrors(r, expectedTarget) {
  assert.equal(r.status, 302, r.text);
  const location = r.headers.get('location');
  assert.ok(location.startsWith(expectedTarget + (expectedTarget.includes('?') ? '&' : '?') + 'errors='), location);
  const errors = JSON.parse(new URL(location).searchParams.get('errors'));
  assert.ok(Array.isArray(errors) && errors.length >= 1, location);
  for (const e of errors) assert.deepEqual(Object.keys(e).sort(), ['key', 'message']);
  return errors;
}

describe('create', () => {
  const f = nodeFixture();

  test('a missing or blank meetingID fails with missingParamMeetingID', async () => {
    expectFailed(await call(f.node, 'create', { name: 'No ID' }), 'missingParamMeetingID');
    expectFailed(await call(f.node, 'create', { name: 'No ID', meetingID: '' }), 'missingParamMeetingID');
  });

  test('a meetingID of 1 or 257 characters, or with a comma, fails with validationError', async () => {
    for (const meetingID of ['x', 'y'.repeat(257), 'a,b'])
      expectFailed(await call(f.node, 'create', { name: 'Bad ID', meetingID }), 'validationError');
    expectSuccess(await call(f.node, 'create', { name: 'Long ID', meetingID: 'z'.repeat(256) }));
    expectSuccess(await call(f.node, 'create', { name: 'Short ID', meetingID: 'zz' }));
  });

  test('a missing or one-character name fails with validationError', async () => {
    expectFailed(await call(f.node, 'create', { meetingID: uniqueId() }), 'validationError');
    expectFailed(await call(f.node, 'create', { meetingID: uniqueId(), name: 'x' }), 'validationError');
  });

  test('passwords of 1 or 65 characters fail with validationError', async () => {
    expectFailed(await call(f.node, 'create', { meetingID: uniqueId(), name: 'Pw', attendeePW: 'a' }), 'validationError');
    expectFailed(await call(f.node, 'create', { meetingID: uniqueId(), name: 'Pw', moderatorPW: 'm'.repeat(65) }), 'validationError');
  });

  test('success answers exactly the BBB fields, in order, with BBB formats', async () => {
    const meetingID = uniqueId('fields');
    const r = await call(f.node, 'create', { meetingID, name: 'Fields', attendeePW: 'ap-secret', moderatorPW: 'mp-secret' });
    const c = expectSuccess(r);
    assert.deepEqual(childNames(r.text), CREATE_FIELDS);
    assert.equal(c.meetingID, meetingID);
    assert.match(c.createTime, /^\d{13}$/);
    assert.equal(c.internalMeetingID, `${sha1(meetingID)}-${c.createTime}`);
    assert.equal(c.parentMeetingID, 'bbb-none');
    assert.equal(c.attendeePW, 'ap-secret');
    assert.equal(c.moderatorPW, 'mp-secret');
    assert.match(c.voiceBridge, /^\d{5}$/);
    assert.ok(c.dialNumber.length > 0);
    assert.match(c.createDate, JAVA_DATE);
    assert.equal(Date.parse(c.createDate), Math.floor(Number(c.createTime) / 1000) * 1000);
    assert.equal(c.hasUserJoined, 'false');
    assert.equal(c.duration, '0');
    assert.equal(c.hasBeenForciblyEnded, 'false');
    assert.equal(c.messageKey, '');
    assert.equal(c.message, '');
  });

  test('absent passwords are generated as 8 alphanumerics and echoed everywhere', async () => {
    const meetingID = uniqueId('gen');
    const c = await createMeeting(f.node, { meetingID });
    assert.match(c.attendeePW, /^[A-Za-z0-9]{8}$/);
    assert.match(c.moderatorPW, /^[A-Za-z0-9]{8}$/);
    assert.notEqual(c.attendeePW, c.moderatorPW);
    const info = await meetingInfo(f.node, meetingID);
    assert.equal(info.attendeePW, c.attendeePW);
    assert.equal(info.moderatorPW, c.moderatorPW);
  });

  test('voice bridges are assigned as distinct 5-digit numbers', async () => {
    const bridges = [];
    for (let i = 0; i < 10; i++) bridges.push((await createMeeting(f.node, { meetingID: uniqueId('vb') })).voiceBridge);
    for (const b of bridges) assert.match(b, /^\d{5}$/);
    assert.equal(new Set(bridges).size, bridges.length);
  });

  test("another running meeting's voiceBridge fails with nonUniqueVoiceBridge in the <errors> envelope", async () => {
    const first = await createMeeting(f.node, { meetingID: uniqueId('vb-a'), voiceBridge: '70123' });
    assert.equal(first.voiceBridge, '70123');
    const r = await call(f.node, 'create', { meetingID: uniqueId('vb-b'), name: 'Second', voiceBridge: '70123' });
    expectErrorsEnvelope(r, 'nonUniqueVoiceBridge');
  });

  test('the voiceBridge of an ended meeting can be used again', async () => {
    const ended = uniqueId('vb-ended');
    await createMeeting(f.node, { meetingID: ended, voiceBridge: '70456' });
    expectSuccess(await call(f.node, 'end', { meetingID: ended }), 'sentEndMeetingRequest');
    const again = await createMeeting(f.node, { meetingID: uniqueId('vb-reuse'), voiceBridge: '70456' });
    assert.equal(again.voiceBridge, '70456');
  });

  test('a repeat create with the same or no passwords answers duplicateWarning for the existing meeting', async () => {
    const meetingID = uniqueId('dup');
    const first = await createMeeting(f.node, { meetingID, name: 'Original', attendeePW: 'ap-1', moderatorPW: 'mp-1' });
    for (const params of [{ attendeePW: 'ap-1', moderatorPW: 'mp-1' }, {}]) {
      const r = await call(f.node, 'create', { meetingID, name: 'Renamed', duration: '30', ...params });
      const again = expectSuccess(r, 'duplicateWarning');
      assert.deepEqual(childNames(r.text), CREATE_FIELDS);
      assert.equal(again.message, 'This conference was already in existence and may currently be in progress.');
      for (const k of ['internalMeetingID', 'createTime', 'voiceBridge', 'attendeePW', 'moderatorPW', 'duration'])
        assert.equal(again[k], first[k], k);
    }
    assert.equal((await meetingInfo(f.node, meetingID)).meetingName, 'Original');
  });

  test('a repeat create with different passwords fails with idNotUnique', async () => {
    const meetingID = uniqueId('idnu');
    await createMeeting(f.node, { meetingID, attendeePW: 'ap-1', moderatorPW: 'mp-1' });
    expectFailed(await call(f.node, 'create', { meetingID, name: 'Clash', attendeePW: 'ap-2', moderatorPW: 'mp-1' }), 'idNotUnique');
    expectFailed(await call(f.node, 'create', { meetingID, name: 'Clash', moderatorPW: 'mp-2' }), 'idNotUnique');
  });

  test('a create after end starts a new meeting with a new internalMeetingID', async () => {
    const meetingID = uniqueId('recreate');
    const first = await createMeeting(f.node, { meetingID });
    expectSuccess(await call(f.node, 'end', { meetingID }));
    const second = await createMeeting(f.node, { meetingID });
    assert.equal(second.messageKey, '');
    assert.notEqual(second.internalMeetingID, first.internalMeetingID);
    assert.equal((await meetingInfo(f.node, meetingID)).hasBeenForciblyEnded, 'false');
  });

  test('meta_ keys are lower-cased into metadata; keys with _ or a leading digit are dropped', async () => {
    const meetingID = uniqueId('meta');
    await createMeeting(f.node, {
      meetingID, 'meta_Foo-Bar': 'x', 'meta_bbb-origin': 'Greenlight', meta_endCallbackUrl: 'http://127.0.0.1:1/end?a=1',
      meta_foo_bar: 'dropped', meta_1x: 'dropped', 'meta_': 'dropped',
    });
    const r = await call(f.node, 'getMeetingInfo', { meetingID });
    expectSuccess(r);
    assert.deepEqual(r.xml.response.metadata, { 'foo-bar': 'x', 'bbb-origin': 'Greenlight', endcallbackurl: 'http://127.0.0.1:1/end?a=1' });
  });

  test('unknown parameters are accepted without error', async () => {
    const meetingID = uniqueId('unknown');
    await createMeeting(f.node, {
      meetingID, pluginManifests: '[]', sharedNotesEditor: 'blockNote', someFutureParam: 'x', webVoice: '123',
      presentationConversionCacheEnabled: 'true', 'userdata-x': 'y',
    });
    await meetingInfo(f.node, meetingID);
  });

  test('a breakout room without parentMeetingID fails with parentMeetingIdMissing', async () => {
    expectFailed(await call(f.node, 'create', { meetingID: uniqueId('bo'), name: 'Breakout', isBreakout: 'true' }), 'parentMeetingIdMissing');
  });
});

describe('join', () => {
  const f = nodeFixture({ args: ['--default-logout-url', DEFAULT_LOGOUT] });
  const PW = { attendeePW: 'viewer-pw', moderatorPW: 'moderator-pw' };

  async function meeting(params = {}) {
    const meetingID = uniqueId('join');
    const created = await createMeeting(f.node, { meetingID, ...PW, ...params });
    return { meetingID, created };
  }
  const roleOf = async (token) => (await tokenCall(f.node, 'enter', token)).role;

  test('a valid join redirects (302) to the client with a 16-character lowercase session token', async () => {
    const { meetingID } = await meeting();
    for (const role of ['MODERATOR', 'moderator', 'Viewer']) {
      const r = await call(f.node, 'join', { meetingID, fullName: 'Redirected', role });
      assert.equal(r.status, 302, r.text);
      const location = new URL(r.headers.get('location'));
      assert.equal(location.origin + location.pathname, f.node.url + '/client/join');
      assert.match(location.searchParams.get('sessionToken'), TOKEN);
      assert.equal(await roleOf(location.searchParams.get('sessionToken')), role.toUpperCase());
    }
  });

  test('the password decides the role, and role overrides the password', async () => {
    const { meetingID } = await meeting();
    const cases = [
      [{ password: PW.moderatorPW }, 'MODERATOR'],
      [{ password: PW.attendeePW }, 'VIEWER'],
      [{ password: PW.moderatorPW, role: 'VIEWER' }, 'VIEWER'],
      [{ password: PW.attendeePW, role: 'MODERATOR' }, 'MODERATOR'],
      [{ password: 'wrong', role: 'moderator' }, 'MODERATOR'],
    ];
    for (const [params, expected] of cases) {
      const { token } = await join(f.node, meetingID, 'Role test', params);
      assert.equal(await roleOf(token), expected, JSON.stringify(params));
    }
  });

  test('a wrong password without role fails as XML "Params required", even in redirect mode', async () => {
    const { meetingID } = await meeting();
    const wrong = expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Wrong', password: 'nope' }), 'Params required');
    assert.equal(wrong.message, 'You must enter a valid password');
    expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Neither' }), 'Params required');
    expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Neither', redirect: 'false' }), 'Params required');
  });

  test('redirect=false answers the join XML fields in order', async () => {
    const { meetingID, created } = await meeting();
    const r = await call(f.node, 'join', { meetingID, fullName: 'Xml', password: PW.moderatorPW, redirect: 'false' });
    const j = expectSuccess(r, 'successfullyJoined');
    assert.deepEqual(childNames(r.text), JOIN_FIELDS);
    assert.equal(j.message, 'You have joined successfully.');
    assert.equal(j.meeting_id, created.internalMeetingID);
    assert.match(j.user_id, /^w_[a-z0-9]{12}$/);
    assert.match(j.auth_token, /^[a-z0-9]+$/);
    assert.match(j.session_token, TOKEN);
    assert.equal(j.guestStatus, 'ALLOW');
    assert.equal(j.url, `${f.node.url}/client/join?sessionToken=${j.session_token}`);
  });

  test('each join gets its own session token and internal user ID', async () => {
    const { meetingID } = await meeting();
    const a = await join(f.node, meetingID, 'A', { role: 'VIEWER' });
    const b = await join(f.node, meetingID, 'B', { role: 'VIEWER' });
    assert.notEqual(a.token, b.token);
    assert.notEqual(a.userId, b.userId);
  });

  test('an unknown meeting redirects to the default logout URL with errors=[{key,message}]', async () => {
    const r = await call(f.node, 'join', { meetingID: uniqueId('nowhere'), fullName: 'Lost', role: 'VIEWER' });
    const errors = redirectErrors(r, DEFAULT_LOGOUT);
    assert.equal(errors[0].key, 'notFound');
    expectFailed(await call(f.node, 'join', { meetingID: uniqueId('nowhere'), fullName: 'Lost', role: 'VIEWER', redirect: 'false' }), 'notFound');
  });

  test('a failed join of a known meeting redirects to its logoutURL, keeping the query', async () => {
    const logoutURL = 'http://127.0.0.1:1/lms/return?course=7';
    const { meetingID } = await meeting({ logoutURL });
    const errors = redirectErrors(await call(f.node, 'join', { meetingID, fullName: 'Late', role: 'VIEWER', createTime: '1' }), logoutURL);
    assert.equal(errors[0].key, 'mismatchCreateTimeParam');
  });

  test('errorRedirectUrl (PHP) and redirectErrorUrl (docs) choose where errors go', async () => {
    for (const key of ['errorRedirectUrl', 'redirectErrorUrl']) {
      const target = `http://127.0.0.1:1/${key}`;
      const r = await call(f.node, 'join', { meetingID: uniqueId('nowhere'), fullName: 'Lost', role: 'VIEWER', [key]: target });
      assert.equal(redirectErrors(r, target)[0].key, 'notFound');
    }
  });

  test("a createTime other than the meeting's fails with mismatchCreateTimeParam; the right one works", async () => {
    const { meetingID, created } = await meeting();
    expectFailed(await call(f.node, 'join', {
      meetingID, fullName: 'Stale', role: 'VIEWER', redirect: 'false', createTime: String(Number(created.createTime) - 1),
    }), 'mismatchCreateTimeParam');
    await join(f.node, meetingID, 'Fresh', { role: 'VIEWER', createTime: created.createTime });
  });

  test('maxParticipants refuses the next distinct userID but lets a known userID rejoin', async () => {
    const { meetingID } = await meeting({ maxParticipants: '2' });
    await f.enter(meetingID, 'One', { role: 'MODERATOR', userID: 'ext-1' });
    await f.enter(meetingID, 'Two', { role: 'VIEWER', userID: 'ext-2' });
    expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Three', role: 'VIEWER', userID: 'ext-3', redirect: 'false' }),
      'maxParticipantsReached');
    const errors = redirectErrors(await call(f.node, 'join', { meetingID, fullName: 'Three', role: 'VIEWER', userID: 'ext-3' }), DEFAULT_LOGOUT);
    assert.equal(errors[0].key, 'maxParticipantsReached');
    await join(f.node, meetingID, 'One again', { role: 'MODERATOR', userID: 'ext-1' });
    await join(f.node, meetingID, 'Two again', { role: 'VIEWER', userID: 'ext-2' });
  });

  test('a join whose session has not connected yet still holds its place under maxParticipants', async () => {
    const { meetingID } = await meeting({ maxParticipants: '1' });
    await join(f.node, meetingID, 'Pending', { role: 'VIEWER', userID: 'pending-1' });
    expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Other', role: 'VIEWER', userID: 'pending-2', redirect: 'false' }),
      'maxParticipantsReached');
    await join(f.node, meetingID, 'Pending again', { role: 'VIEWER', userID: 'pending-1' });
  });

  test('userdata-* parameters appear as the attendee\'s customdata once the session connects', async () => {
    const { meetingID } = await meeting();
    await f.enter(meetingID, 'Custom', {
      role: 'VIEWER', userID: 'custom-user', 'userdata-foo': 'bar', 'userdata-bbb_custom_style': 'x y', 'userdata-Mixed-Case': 'è',
    });
    const [attendee] = attendeesOf(await meetingInfo(f.node, meetingID));
    assert.equal(attendee.userID, 'custom-user');
    assert.deepEqual(attendee.customdata, { foo: 'bar', bbb_custom_style: 'x y', 'Mixed-Case': 'è' });
  });

  test('a missing or blank fullName fails with missingParamFullName', async () => {
    const { meetingID } = await meeting();
    for (const extra of [{}, { fullName: '' }, { fullName: '   ' }])
      expectFailed(await call(f.node, 'join', { meetingID, role: 'VIEWER', redirect: 'false', ...extra }), 'missingParamFullName');
  });

  test('a 300-character name works and is kept whole', async () => {
    const { meetingID } = await meeting();
    const fullName = 'Ä'.repeat(150) + 'b'.repeat(150);
    await f.enter(meetingID, fullName, { role: 'VIEWER' });
    assert.equal(attendeesOf(await meetingInfo(f.node, meetingID))[0].fullName, fullName);
  });

  test('a guest is denied under ALWAYS_DENY, while a moderator is let in', async () => {
    const { meetingID } = await meeting({ guestPolicy: 'ALWAYS_DENY' });
    expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Guest', role: 'VIEWER', guest: 'true', redirect: 'false' }),
      'guestDeniedAccess');
    const errors = redirectErrors(await call(f.node, 'join', { meetingID, fullName: 'Guest', role: 'VIEWER', guest: 'true' }), DEFAULT_LOGOUT);
    assert.equal(errors[0].key, 'guestDeniedAccess');
    await join(f.node, meetingID, 'Host', { role: 'MODERATOR', guest: 'true' });
  });

  test('a guest waits under ASK_MODERATOR until a moderator admits them', async () => {
    const { meetingID } = await meeting({ guestPolicy: 'ASK_MODERATOR' });
    const host = await f.enter(meetingID, 'Host', { role: 'MODERATOR' });
    const r = await call(f.node, 'join', { meetingID, fullName: 'Guest', role: 'VIEWER', guest: 'true', redirect: 'false' });
    const g = expectSuccess(r, 'guestWait');
    assert.deepEqual(childNames(r.text), JOIN_FIELDS);
    assert.equal(g.message, 'Guest waiting for approval to join meeting.');
    assert.equal(g.guestStatus, 'WAIT');
    assert.equal(g.url, `${f.node.url}/client/join?sessionToken=${g.session_token}`);
    assert.equal((await tokenCall(f.node, 'guestWait', g.session_token)).guestStatus, 'WAIT');

    const guest = await f.open(g.session_token);
    await guest.next('waiting');
    const waiting = await host.session.next((m) => m.type === 'guests' && m.guests.length === 1);
    assert.equal(waiting.guests[0].userId, g.user_id);
    assert.equal((await meetingInfo(f.node, meetingID)).participantCount, '1');

    host.session.send({ type: 'guestDecide', userId: g.user_id, allow: true });
    await guest.next('welcome');
    await eventually(async () => (await meetingInfo(f.node, meetingID)).participantCount === '2');
    assert.equal((await tokenCall(f.node, 'guestWait', g.session_token)).guestStatus, 'ALLOW');
  });
});

describe('meeting state: isMeetingRunning, getMeetingInfo, getMeetings, end, getSessions', () => {
  const f = nodeFixture();
  const running = async (meetingID) => expectSuccess(await call(f.node, 'isMeetingRunning', { meetingID })).running;

  test('isMeetingRunning is SUCCESS/false for an unknown meeting and requires meetingID', async () => {
    const r = await call(f.node, 'isMeetingRunning', { meetingID: uniqueId('unknown') });
    assert.deepEqual(childNames(r.text), ['returncode', 'running']);
    assert.equal(expectSuccess(r).running, 'false');
    expectFailed(await call(f.node, 'isMeetingRunning', {}), 'missingParamMeetingID');
  });

  test('isMeetingRunning is false after create and true once a session connects', async () => {
    const meetingID = uniqueId('run');
    await createMeeting(f.node, { meetingID });
    assert.equal(await running(meetingID), 'false');
    await join(f.node, meetingID, 'Not yet connected', { role: 'MODERATOR' });
    assert.equal(await running(meetingID), 'false');
    await f.enter(meetingID, 'Connected', { role: 'MODERATOR' });
    assert.equal(await running(meetingID), 'true');
  });

  test('getMeetingInfo answers every field in BBB order, with attendees as sessions connect', async () => {
    const meetingID = uniqueId('info');
    const created = await createMeeting(f.node, { meetingID, name: 'Info', maxParticipants: '7', 'meta_bbb-origin': 'tests' });
    const empty = await call(f.node, 'getMeetingInfo', { meetingID });
    assert.deepEqual(childNames(empty.text), MEETING_INFO_FIELDS);
    const before = expectSuccess(empty);
    assert.equal(before.running, 'false');
    assert.equal(before.hasUserJoined, 'false');
    assert.equal(before.participantCount, '0');
    assert.equal(before.attendees, '');

    const mod = await f.enter(meetingID, 'Moderator', { role: 'MODERATOR', userID: 'mod-ext' });
    await f.enter(meetingID, 'Viewer', { role: 'VIEWER' });
    const r = await call(f.node, 'getMeetingInfo', { meetingID });
    assert.deepEqual(childNames(r.text), MEETING_INFO_FIELDS);
    assert.deepEqual(childNamesOf(r.text, 'attendee'), ATTENDEE_FIELDS);
    const info = expectSuccess(r);
    for (const k of ['internalMeetingID', 'createTime', 'createDate', 'voiceBridge', 'dialNumber', 'attendeePW', 'moderatorPW'])
      assert.equal(info[k], created[k], k);
    assert.equal(info.meetingName, 'Info');
    assert.equal(info.running, 'true');
    assert.equal(info.hasUserJoined, 'true');
    assert.equal(info.recording, 'false');
    assert.equal(info.hasBeenForciblyEnded, 'false');
    assert.match(info.startTime, /^\d{13}$/);
    assert.equal(info.endTime, '0');
    assert.equal(info.participantCount, '2');
    assert.equal(info.moderatorCount, '1');
    assert.equal(info.listenerCount, '0');
    assert.equal(info.voiceParticipantCount, '0');
    assert.equal(info.videoCount, '0');
    assert.equal(info.maxUsers, '7');
    assert.equal(info.isBreakout, 'false');
    assert.deepEqual(info.metadata, { 'bbb-origin': 'tests' });
    const attendees = attendeesOf(info);
    assert.deepEqual(attendees.map((a) => [a.userID, a.fullName, a.role, a.isPresenter, a.clientType]), [
      ['mod-ext', 'Moderator', 'MODERATOR', 'true', 'HTML5'],
      [attendees[1].userID, 'Viewer', 'VIEWER', 'false', 'HTML5'],
    ]);
    assert.match(attendees[1].userID, /^w_[a-z0-9]{12}$/);

    await mod.session.close();
    await eventually(async () => (await meetingInfo(f.node, meetingID)).participantCount === '1');
  });

  test('getMeetingInfo finds a meeting by its internalMeetingID but not by a prefix of it', async () => {
    const meetingID = uniqueId('internal');
    const { internalMeetingID } = await createMeeting(f.node, { meetingID });
    assert.equal((await meetingInfo(f.node, internalMeetingID)).meetingID, meetingID);
    for (const prefix of [internalMeetingID.slice(0, 2), internalMeetingID.slice(0, 40)])
      expectFailed(await call(f.node, 'getMeetingInfo', { meetingID: prefix }), 'notFound');
  });

  test('getMeetingInfo on an unknown meeting fails with notFound; without meetingID, missingParamMeetingID', async () => {
    const nf = expectFailed(await call(f.node, 'getMeetingInfo', { meetingID: uniqueId('unknown') }), 'notFound');
    assert.equal(nf.message, 'A meeting with that ID does not exist');
    expectFailed(await call(f.node, 'getMeetingInfo', {}), 'missingParamMeetingID');
  });

  test('getMeetings lists the meetings with the getMeetingInfo fields', async () => {
    const ids = [uniqueId('list-a'), uniqueId('list-b')];
    for (const meetingID of ids) await createMeeting(f.node, { meetingID, name: 'Listed ' + meetingID });
    const r = await call(f.node, 'getMeetings');
    const listed = [expectSuccess(r).meetings.meeting].flat();
    for (const meetingID of ids) {
      const m = listed.find((x) => x.meetingID === meetingID);
      assert.ok(m, `${meetingID} listed`);
      assert.equal(m.meetingName, 'Listed ' + meetingID);
    }
    const firstMeeting = r.text.slice(r.text.indexOf('<meeting>'), r.text.indexOf('</meeting>') + 10);
    assert.deepEqual(childNames(firstMeeting), MEETING_INFO_FIELDS.slice(1));
  });

  test('end answers sentEndMeetingRequest; the meeting then stops running and reports hasBeenForciblyEnded', async () => {
    const meetingID = uniqueId('end');
    await createMeeting(f.node, { meetingID, moderatorPW: 'mod-pw' });
    const user = await f.enter(meetingID, 'Present', { role: 'MODERATOR' });
    const r = expectSuccess(await call(f.node, 'end', { meetingID, password: 'mod-pw' }), 'sentEndMeetingRequest');
    assert.equal(r.message, 'A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.');
    const ended = await user.session.next('ended');
    assert.equal(ended.reason, 'ended');
    await eventually(async () => (await running(meetingID)) === 'false');
    const info = await meetingInfo(f.node, meetingID);
    assert.equal(info.hasBeenForciblyEnded, 'true');
    assert.equal(info.running, 'false');
    assert.notEqual(info.endTime, '0');
  });

  test('end without a password works; with a wrong one it fails with invalidPassword', async () => {
    const meetingID = uniqueId('end-pw');
    await createMeeting(f.node, { meetingID, attendeePW: 'att-pw', moderatorPW: 'mod-pw' });
    expectFailed(await call(f.node, 'end', { meetingID, password: 'att-pw' }), 'invalidPassword');
    assert.equal((await meetingInfo(f.node, meetingID)).hasBeenForciblyEnded, 'false');
    expectSuccess(await call(f.node, 'end', { meetingID }), 'sentEndMeetingRequest');
  });

  test('end on an unknown meeting fails with notFound', async () => {
    expectFailed(await call(f.node, 'end', { meetingID: uniqueId('unknown'), password: 'x' }), 'notFound');
  });

  test('join after end fails with meetingForciblyEnded', async () => {
    const meetingID = uniqueId('after-end');
    await createMeeting(f.node, { meetingID });
    expectSuccess(await call(f.node, 'end', { meetingID }));
    expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Too late', role: 'VIEWER', redirect: 'false' }),
      'meetingForciblyEnded');
  });

  test('getSessions lists connected users by internal meeting ID', async () => {
    const meetingID = uniqueId('sessions');
    const { internalMeetingID } = await createMeeting(f.node, { meetingID, name: 'Sessions' });
    await f.enter(meetingID, 'Session user', { role: 'VIEWER' });
    const sessions = [expectSuccess(await call(f.node, 'getSessions')).sessions.meeting].flat();
    const mine = sessions.find((s) => s.meetingID === internalMeetingID);
    assert.deepEqual(mine, { meetingID: internalMeetingID, meetingName: 'Sessions', userName: 'Session user' });
  });
});

describe('an empty server', () => {
  const f = nodeFixture();

  test('getMeetings answers <meetings/> with noMeetings', async () => {
    const r = await call(f.node, 'getMeetings');
    assert.deepEqual(childNames(r.text), ['returncode', 'meetings', 'messageKey', 'message']);
    const m = expectSuccess(r, 'noMeetings');
    assert.equal(m.meetings, '');
    assert.equal(m.message, 'no meetings were found on this server');
  });

  test('getSessions answers <sessions/> with noSessions', async () => {
    const r = await call(f.node, 'getSessions');
    assert.deepEqual(childNames(r.text), ['returncode', 'sessions', 'messageKey', 'message']);
    const s = expectSuccess(r, 'noSessions');
    assert.equal(s.sessions, '');
    assert.equal(s.message, 'no sessions were found on this serverr');
  });
});

describe('sendChatMessage, insertDocument and the session-token calls', () => {
  const f = nodeFixture();

  test('sendChatMessage rejects 0 and 501 characters and delivers a valid message to the chat', async () => {
    const meetingID = uniqueId('chat');
    await createMeeting(f.node, { meetingID });
    const user = await f.enter(meetingID, 'Reader', { role: 'VIEWER' });
    for (const message of ['', '   ', 'x'.repeat(501)])
      expectFailed(await call(f.node, 'sendChatMessage', { meetingID, message }));

    const r = await call(f.node, 'sendChatMessage', { meetingID, message: 'Hello <b>all</b> & è 😀', userName: 'Bot' });
    assert.deepEqual(childNames(r.text), ['returncode', 'messageKey', 'message']);
    const ok = expectSuccess(r, '');
    assert.equal(ok.message, '');
    const chat = await user.session.next('chat');
    assert.equal(chat.message.text, 'Hello <b>all</b> & è 😀');
    assert.equal(chat.message.name, 'Bot');
    assert.equal(chat.message.userId, '');

    expectSuccess(await call(f.node, 'sendChatMessage', { meetingID, message: 'y'.repeat(500) }));
    const defaulted = await user.session.next('chat');
    assert.equal(defaulted.message.name, 'System');
  });

  test('sendChatMessage to an unknown meeting fails with meetingNotFound', async () => {
    expectFailed(await call(f.node, 'sendChatMessage', { meetingID: uniqueId('gone'), message: 'hi' }), 'meetingNotFound');
  });

  test('insertDocument to a running meeting answers "Presentation is being uploaded"; unknown meetings fail', async () => {
    const meetingID = uniqueId('doc');
    await createMeeting(f.node, { meetingID });
    const body = '<modules><module name="presentation"><document url="http://127.0.0.1:1/more.pdf" filename="more.pdf"/></module></modules>';
    const post = (id) => rawCall(f.node, 'insertDocument', `meetingID=${encodeURIComponent(id)}`,
      { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body });
    const r = await post(meetingID);
    assert.deepEqual(childNames(r.text), ['returncode', 'message']);
    assert.equal(expectSuccess(r).message, 'Presentation is being uploaded');
    expectFailed(await post(uniqueId('nowhere')));
  });

  test('getJoinUrl with an invalid session token answers JSON FAILED without a checksum', async () => {
    const r = await tokenCall(f.node, 'getJoinUrl', 'not-a-token');
    assert.equal(r.returncode, 'FAILED');
    assert.equal(typeof r.message, 'string');
  });

  test('getJoinUrl with a valid token answers a join URL signed with sha1 and the node secret', async () => {
    const meetingID = uniqueId('joinurl');
    await createMeeting(f.node, { meetingID });
    const user = await f.enter(meetingID, 'Again', { role: 'MODERATOR', userID: 'again-ext' });
    const r = await tokenCall(f.node, 'getJoinUrl', user.token);
    assert.equal(r.returncode, 'SUCCESS');
    const url = new URL(r.url);
    assert.equal(url.origin + url.pathname, f.node.api + 'join');
    const raw = url.search.slice(1);
    const cs = url.searchParams.get('checksum');
    assert.match(cs, /^[0-9a-f]{40}$/);
    const signed = raw.replace(`&checksum=${cs}`, '');
    assert.equal(createHash('sha1').update('join' + signed + f.node.secret).digest('hex'), cs);
    const followed = await apiRequest(f.node, 'join', { query: raw });
    assert.equal(followed.status, 302, followed.text);
    assert.match(followed.headers.get('location'), /\/client\/join\?sessionToken=[a-z0-9]{16}$/);
  });

  test('feedback is not routed (404)', async () => {
    const r = await apiRequest(f.node, 'feedback', { query: 'sessionToken=x' });
    assert.equal(r.status, 404);
  });
});

describe('hostile input', () => {
  const f = nodeFixture();

  const isUtf8 = (bytes) => {
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return true; } catch { return false; }
  };

  // The node answers with a well-formed BBB response and keeps serving.
  async function answersLikeBbb(r) {
    assert.equal(r.status, 200, r.text);
    assert.ok(['SUCCESS', 'FAILED'].includes(r.xml?.response?.returncode), r.text);
    assert.ok(isUtf8(r.bytes), 'the response is valid UTF-8');
    await stillServing();
  }
  async function stillServing() {
    const index = await apiRequest(f.node, '');
    assert.equal(index.xml?.response?.returncode, 'SUCCESS');
  }

  test('invalid UTF-8 (%FF) in names, metadata and userdata never produces invalid XML', async () => {
    const meetingID = uniqueId('utf8');
    await answersLikeBbb(await rawCall(f.node, 'create', `meetingID=${meetingID}&name=Bad%FF%FEname&meta_x=%FFv&welcome=%C3`));
    await answersLikeBbb(await rawCall(f.node, 'create', `meetingID=bad%FFid&name=Fine`));
    const joined = await rawCall(f.node, 'join',
      `meetingID=${meetingID}&fullName=J%FFo%C3&role=VIEWER&redirect=false&userID=u%FF&userdata-k=%FFv`);
    await answersLikeBbb(joined);
    if (joined.xml.response.returncode === 'SUCCESS') {
      const s = await f.open(joined.xml.response.session_token);
      await s.next('welcome');
    }
    for (const name of ['getMeetingInfo', 'getMeetings', 'getSessions']) {
      const r = await call(f.node, name, name === 'getMeetingInfo' ? { meetingID } : {});
      await answersLikeBbb(r);
      assert.ok(r.xml, `${name} is well-formed XML`);
    }
  });

  test('absurd numbers are answered with a BBB response', async () => {
    const huge = '9'.repeat(40);
    for (const extra of [
      { duration: huge }, { maxParticipants: huge }, { maxParticipants: '-1' }, { duration: '-5' }, { voiceBridge: huge },
      { voiceBridge: 'abc' }, { meetingExpireIfNoUserJoinedInMinutes: huge }, { sequence: huge }, { logoutTimer: '1e309' },
    ]) {
      const r = await call(f.node, 'create', { meetingID: uniqueId('num'), name: 'Numbers', ...extra });
      await answersLikeBbb(r);
      if (r.xml.response.returncode === 'SUCCESS') assert.match(r.xml.response.duration, /^\d+$/);
    }
    const meetingID = uniqueId('num-join');
    await createMeeting(f.node, { meetingID });
    await answersLikeBbb(await call(f.node, 'join', { meetingID, fullName: 'N', role: 'VIEWER', redirect: 'false', createTime: huge }));
  });

  test('600 parameters are answered with a BBB error', async () => {
    const params = { meetingID: uniqueId('many'), name: 'Many' };
    for (let i = 0; i < 600; i++) params[`meta_k${i}`] = 'v';
    const r = await call(f.node, 'create', params);
    expectFailed(r);
    await stillServing();
  });

  test('a query over 64 KB is refused (413/414/431 or a BBB error) and the node keeps serving', async () => {
    const query = `meetingID=${uniqueId('long')}&name=${'n'.repeat(70 * 1024)}`;
    const r = await rawCall(f.node, 'create', query).catch((e) => ({ status: 0, error: e }));
    if (r.status === 200) expectFailed(r);
    else assert.ok([413, 414, 431].includes(r.status), `status ${r.status}`);
    await stillServing();
  });

  test('malformed percent escapes are taken literally and answered', async () => {
    const meetingID = uniqueId('pct');
    await answersLikeBbb(await rawCall(f.node, 'create', `meetingID=${meetingID}&name=100%25%G1%&meta_x=%`));
    await answersLikeBbb(await call(f.node, 'getMeetingInfo', { meetingID }));
  });

  test('an unknown API call is answered with a FAILED response and the node keeps serving', async () => {
    const r = await rawCall(f.node, 'noSuchCall', 'x=1');
    assert.equal(r.xml?.response?.returncode, 'FAILED', r.text);
    await stillServing();
  });
});
