// Meetings outlive a restart of the node process (same data directory and
// secret): an LMS that created a meeting must still be able to join and end it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  call, createMeeting, expectErrorsEnvelope, expectFailed, expectSuccess, join, meetingInfo, restartableNodeFixture,
  uniqueId,
} from '../lib/api.mjs';
import { openSession } from '../lib/harness.mjs';

// What must be identical before and after the restart.
const KEPT = ['meetingName', 'meetingID', 'internalMeetingID', 'createTime', 'createDate', 'voiceBridge', 'dialNumber',
  'attendeePW', 'moderatorPW', 'duration', 'maxUsers', 'isBreakout'];

describe('meetings across node restarts', () => {
  const f = restartableNodeFixture();

  let bridge = 71000;
  async function meetingWithEverything() {
    const meetingID = uniqueId('durable è 😀');
    await createMeeting(f.node, {
      meetingID, name: 'Durable meeting & co', attendeePW: 'ap-durable', moderatorPW: 'mp-durable', maxParticipants: '25',
      duration: '120', voiceBridge: String(++bridge), 'meta_bbb-origin': 'Moodle', 'meta_Context-Id': 'c 42',
      welcome: 'Hi <b>%%CONFNAME%%</b> on %%CONFNUM%% <i onclick="steal()">now</i>', guestPolicy: 'ASK_MODERATOR',
    });
    return { meetingID, before: await meetingInfo(f.node, meetingID) };
  }

  // Joins by password and connects a client session; returns the welcome message.
  async function joinAndConnect(meetingID, password) {
    const { token } = await join(f.node, meetingID, 'After restart', { password });
    const session = await openSession(f.node, token);
    try {
      return await session.next('welcome');
    } finally {
      await session.close();
    }
  }

  for (const signal of ['SIGTERM', 'SIGKILL']) {
    test(`a meeting survives a restart after ${signal}: same IDs, times, passwords, settings and metadata`, async () => {
      const { meetingID, before } = await meetingWithEverything();
      await f.restart({ signal });
      const after = await meetingInfo(f.node, meetingID);
      for (const k of KEPT) assert.equal(after[k], before[k], k);
      assert.deepEqual(after.metadata, { 'bbb-origin': 'Moodle', 'context-id': 'c 42' });
      assert.equal(after.hasBeenForciblyEnded, 'false');
      assert.equal((await meetingInfo(f.node, before.internalMeetingID)).meetingID, meetingID);

      const welcome = await joinAndConnect(meetingID, 'mp-durable');
      assert.equal(welcome.you.role, 'MODERATOR');
      assert.equal(welcome.meeting.internalMeetingId, before.internalMeetingID);
      assert.equal(welcome.meeting.guestPolicy, 'ASK_MODERATOR');
      // Keywords substituted and markup sanitised, as at create.
      assert.equal(welcome.meeting.welcome, `Hi <b>Durable meeting & co</b> on ${before.voiceBridge} <i>now</i>`);

      expectSuccess(await call(f.node, 'end', { meetingID, password: 'mp-durable' }), 'sentEndMeetingRequest');
      expectFailed(await call(f.node, 'join', { meetingID, fullName: 'Late', role: 'VIEWER', redirect: 'false' }), 'meetingForciblyEnded');
    });
  }

  test('after a restart, a repeated create answers duplicateWarning and the voice bridge stays taken', async () => {
    const { meetingID, before } = await meetingWithEverything();
    await f.restart();
    const again = expectSuccess(await call(f.node, 'create', {
      meetingID, name: 'Durable meeting & co', attendeePW: 'ap-durable', moderatorPW: 'mp-durable',
    }), 'duplicateWarning');
    assert.equal(again.internalMeetingID, before.internalMeetingID);
    assert.equal(again.createTime, before.createTime);
    expectFailed(await call(f.node, 'create', { meetingID, name: 'Other', moderatorPW: 'different' }), 'idNotUnique');
    expectErrorsEnvelope(await call(f.node, 'create', { meetingID: uniqueId('clash'), name: 'Clash', voiceBridge: before.voiceBridge }),
      'nonUniqueVoiceBridge');
    expectSuccess(await call(f.node, 'end', { meetingID }));
  });

  test('a meeting ended before the restart does not come back as running', async () => {
    const meetingID = uniqueId('ended-before');
    await createMeeting(f.node, { meetingID });
    expectSuccess(await call(f.node, 'end', { meetingID }));
    await f.restart();
    assert.equal(expectSuccess(await call(f.node, 'isMeetingRunning', { meetingID })).running, 'false');
    const listed = [expectSuccess(await call(f.node, 'getMeetings')).meetings?.meeting].flat();
    assert.ok(!listed.some((m) => m?.meetingID === meetingID));
    const fresh = await createMeeting(f.node, { meetingID });
    assert.equal(fresh.messageKey, '', 'a create after the restart starts a new meeting');
  });
});
