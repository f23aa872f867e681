// The node driven by an independent BBB client library from npm,
// bigbluebutton-js 0.2.0 (sha1, Node querystring encoding, axios + fast-xml-parser).
// The library coerces numeric-looking values, so IDs and passwords here are not numeric.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import bbb from 'bigbluebutton-js';
import { startReceiver } from '../lib/harness.mjs';
import { nodeFixture, uniqueId } from '../lib/api.mjs';

describe('bigbluebutton-js against the node', () => {
  const f = nodeFixture();
  let api;
  const http = (url) => bbb.http(url);
  const lib = () => (api ??= bbb.api(f.node.url + '/bigbluebutton/', f.node.secret));

  const meetingID = uniqueId('lib meeting ~*');
  const passwords = { attendeePW: 'viewer-pw', moderatorPW: 'moderator-pw' };

  test('create succeeds and returns the BBB create fields', async () => {
    const r = await http(lib().administration.create('Library meeting è 😀', meetingID, {
      ...passwords, record: false, duration: 0, welcome: 'Hi * there ~', 'meta_bbb-origin': 'bigbluebutton-js',
    }));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.meetingID, meetingID);
    assert.equal(r.attendeePW, passwords.attendeePW);
    assert.equal(r.moderatorPW, passwords.moderatorPW);
    assert.equal(r.parentMeetingID, 'bbb-none');
    assert.equal(r.hasUserJoined, false);
    assert.equal(r.hasBeenForciblyEnded, false);
    assert.equal(typeof r.createTime, 'number');
  });

  test('a repeated create answers duplicateWarning', async () => {
    const r = await http(lib().administration.create('Library meeting è 😀', meetingID, passwords));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.messageKey, 'duplicateWarning');
  });

  test('the join URL redirects to the client; with redirect=false it answers the join XML', async () => {
    const url = lib().administration.join('Library moderator', meetingID, passwords.moderatorPW);
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.match(res.headers.get('location'), /\/client\/join\?sessionToken=[a-z0-9]{16}$/);

    const r = await http(lib().administration.join('Library viewer', meetingID, passwords.attendeePW, { redirect: false, userID: 'lib-viewer' }));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.messageKey, 'successfullyJoined');
    assert.match(r.session_token, /^[a-z0-9]{16}$/);
    assert.equal(r.guestStatus, 'ALLOW');
    const session = await f.open(r.session_token);
    const welcome = await session.next('welcome');
    assert.equal(welcome.you.role, 'VIEWER');
  });

  test('getMeetingInfo shows the meeting, its metadata and the connected attendee', async () => {
    const r = await http(lib().monitoring.getMeetingInfo(meetingID));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.meetingName, 'Library meeting è 😀');
    assert.equal(r.meetingID, meetingID);
    assert.equal(r.running, true);
    assert.equal(r.participantCount, 1);
    assert.equal(r.metadata['bbb-origin'], 'bigbluebutton-js');
    assert.equal(r.attendees.attendee.userID, 'lib-viewer');
    assert.equal(r.attendees.attendee.role, 'VIEWER');
  });

  test('isMeetingRunning is true while a session is connected', async () => {
    const r = await http(lib().monitoring.isMeetingRunning(meetingID));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.running, true);
  });

  test('getMeetings lists the meeting', async () => {
    const r = await http(lib().monitoring.getMeetings());
    assert.equal(r.returncode, 'SUCCESS');
    assert.ok(Array.isArray(r.meetings));
    assert.ok(r.meetings.some((m) => m.meetingID === meetingID));
  });

  test('end with the moderator password ends the meeting', async () => {
    const r = await http(lib().administration.end(meetingID, passwords.moderatorPW));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.messageKey, 'sentEndMeetingRequest');
    const running = await http(lib().monitoring.isMeetingRunning(meetingID));
    assert.equal(running.running, false);
    const info = await http(lib().monitoring.getMeetingInfo(meetingID));
    assert.equal(info.hasBeenForciblyEnded, true);
  });

  test('getRecordings answers noRecordings', async () => {
    for (const params of [{}, { meetingID }, { recordID: 'rec-none', state: 'any' }]) {
      const r = await http(lib().recording.getRecordings(params));
      assert.equal(r.returncode, 'SUCCESS');
      assert.equal(r.messageKey, 'noRecordings');
    }
  });

  test('publishRecordings, deleteRecordings and updateRecordings of unknown recordings answer notFound', async () => {
    const urls = [
      lib().recording.publishRecordings('rec-unknown', true),
      lib().recording.publishRecordings('rec-unknown', false),
      lib().recording.deleteRecordings('rec-unknown'),
      lib().recording.updateRecordings('rec-unknown', { 'meta_bbb-origin': 'x' }),
    ];
    for (const url of urls) {
      const r = await http(url);
      assert.equal(r.returncode, 'FAILED', url);
      assert.equal(r.messageKey, 'notFound', url);
    }
  });

  test('hooks create, list and destroy', async () => {
    const receiver = await startReceiver();
    try {
      const callbackURL = receiver.base + '/library-hook';
      const created = await http(lib().hooks.create(callbackURL, { meetingID: 'lib-hook-meeting' }));
      assert.equal(created.returncode, 'SUCCESS');
      assert.equal(typeof created.hookID, 'number');
      assert.equal(created.permanentHook, false);
      assert.equal(created.rawData, false);

      const list = await http(lib().hooks.list());
      assert.equal(list.returncode, 'SUCCESS');
      const hooks = [list.hooks.hook].flat();
      const mine = hooks.find((h) => h.hookID === created.hookID);
      assert.equal(mine.callbackURL, callbackURL);
      assert.equal(mine.meetingID, 'lib-hook-meeting');

      const destroyed = await http(lib().hooks.destroy(created.hookID));
      assert.equal(destroyed.returncode, 'SUCCESS');
      assert.equal(destroyed.removed, true);
      const again = await http(lib().hooks.destroy(created.hookID));
      assert.equal(again.returncode, 'FAILED');
      assert.equal(again.messageKey, 'destroyMissingHook');
    } finally {
      await receiver.close();
    }
  });

  test('a URL signed with another secret is refused with checksumError', async () => {
    const other = bbb.api(f.node.url + '/bigbluebutton', 'another-secret');
    const r = await http(other.monitoring.getMeetings());
    assert.equal(r.returncode, 'FAILED');
    assert.equal(r.messageKey, 'checksumError');
  });
});
