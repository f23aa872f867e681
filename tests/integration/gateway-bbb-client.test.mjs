// The gateway driven by an independent BBB client library from npm,
// bigbluebutton-js 0.2.0 (sha1, Node querystring encoding, axios +
// fast-xml-parser), pointed at a tenant's URL <gateway>/t/<tenant>/bigbluebutton/.
// The library coerces numeric-looking values, so IDs and passwords here are not numeric.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import bbb from 'bigbluebutton-js';
import { eventually, openSession } from '../lib/harness.mjs';
import { closeAll, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';

const [sqlite] = backends();

describe('bigbluebutton-js through the gateway', () => {
  const f = federationFixture(sqlite, { nodes: [{}, {}], tenants: { campus: {} } });
  const http = (url) => bbb.http(url);
  let api;
  const lib = () => (api ??= bbb.api(`${f.gateway.url}/t/campus/bigbluebutton/`, f.clients.campus.secret));
  const sessions = [];
  after(() => closeAll(sessions));

  const meetingID = uniqueId('lib gateway ~*');
  const passwords = { attendeePW: 'viewer-pw', moderatorPW: 'moderator-pw' };

  test('create succeeds with the tenant\'s meeting ID', async () => {
    const r = await http(lib().administration.create('Gateway meeting è 😀', meetingID, {
      ...passwords, record: false, 'meta_bbb-origin': 'bigbluebutton-js',
    }));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.meetingID, meetingID);
    assert.equal(r.attendeePW, passwords.attendeePW);
    assert.equal(r.moderatorPW, passwords.moderatorPW);
    assert.equal(typeof r.createTime, 'number');
    const again = await http(lib().administration.create('Gateway meeting è 😀', meetingID, passwords));
    assert.equal(again.returncode, 'SUCCESS');
    assert.equal(again.messageKey, 'duplicateWarning');
  });

  test('join with redirect=false answers the node\'s join; its session connects there', async () => {
    const r = await http(lib().administration.join('Library viewer', meetingID, passwords.attendeePW, { redirect: false, userID: 'lib-viewer' }));
    assert.equal(r.returncode, 'SUCCESS', JSON.stringify(r));
    assert.equal(r.messageKey, 'successfullyJoined');
    const node = f.nodes.find((n) => r.url.startsWith(n.url + '/client/join?sessionToken='));
    assert.ok(node, `client URL on a node: ${r.url}`);
    const session = await openSession(node, r.session_token);
    sessions.push(session);
    const welcome = await session.next('welcome');
    assert.equal(welcome.you.role, 'VIEWER');

    // The plain join URL redirects to that same node.
    const res = await fetch(lib().administration.join('Library moderator', meetingID, passwords.moderatorPW), { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.ok(res.headers.get('location').startsWith(node.url + '/bigbluebutton/api/join?'), res.headers.get('location'));
  });

  test('getMeetingInfo shows the meeting, its metadata and the attendee', async () => {
    const r = await eventually(async () => {
      const info = await http(lib().monitoring.getMeetingInfo(meetingID));
      return info.participantCount === 1 && info;
    });
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.meetingName, 'Gateway meeting è 😀');
    assert.equal(r.meetingID, meetingID);
    assert.equal(r.running, true);
    assert.equal(r.metadata['bbb-origin'], 'bigbluebutton-js');
    assert.equal(r.attendees.attendee.userID, 'lib-viewer');
    assert.equal(r.attendees.attendee.role, 'VIEWER');
  });

  test('isMeetingRunning and getMeetings', async () => {
    const running = await http(lib().monitoring.isMeetingRunning(meetingID));
    assert.equal(running.returncode, 'SUCCESS');
    assert.equal(running.running, true);
    const list = await http(lib().monitoring.getMeetings());
    assert.equal(list.returncode, 'SUCCESS');
    assert.ok(Array.isArray(list.meetings));
    assert.deepEqual(list.meetings.map((m) => m.meetingID), [meetingID]);
  });

  test('end with the moderator password ends the meeting', { timeout: 15000 }, async () => {
    const r = await http(lib().administration.end(meetingID, passwords.moderatorPW));
    assert.equal(r.returncode, 'SUCCESS');
    assert.equal(r.messageKey, 'sentEndMeetingRequest');
    await Promise.all(sessions.map((s) => s.closed));
    const running = await http(lib().monitoring.isMeetingRunning(meetingID));
    assert.equal(running.running, false);
    const list = await http(lib().monitoring.getMeetings());
    assert.equal(list.returncode, 'SUCCESS');
    assert.equal(list.messageKey, 'noMeetings');
  });

  test('a URL signed with another secret is refused with checksumError', async () => {
    const other = bbb.api(`${f.gateway.url}/t/campus/bigbluebutton/`, 'another-secret');
    const r = await http(other.monitoring.getMeetings());
    assert.equal(r.returncode, 'FAILED');
    assert.equal(r.messageKey, 'checksumError');
  });
});
