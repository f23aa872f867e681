// Audio and webcams through the node and its Janus, with Chromium's fake
// devices: the node relays the signalling of bare RTCPeerConnections (no web
// client involved, so this tests the node's side of the session protocol),
// and getStats shows media flowing. Runs inside a network namespace of its
// own (tests/netns-run.sh), where WebRTC can use a non-loopback interface.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { eventually, joinUser } from '../lib/harness.mjs';
import { call, expectSuccess, uniqueId } from '../lib/api.mjs';
import { mediaFixture, openClientPage, outsideNamespace } from './media-page.mjs';


describe('audio and webcams through the node\'s Janus', { skip: outsideNamespace }, () => {
  const f = mediaFixture();
  const meetingID = uniqueId('media');

  async function enter(name, role) {
    const { node, browser } = f;
    const user = await joinUser(f.node, meetingID, name, { role });
    return { ...user, ...(await openClientPage(f, user.token)) };
  }

  test('two participants hear the mix, one sees the other\'s webcam, and the API counts it', { timeout: 120000 }, async () => {
    const { node, browser } = f;
    expectSuccess(await call(node, 'create', { meetingID, name: 'Media' }));
    const teacher = await enter('Teacher', 'MODERATOR');
    const student = await enter('Student', 'VIEWER');
    assert.equal(teacher.welcome.media.enabled, true, JSON.stringify(teacher.welcome.media));

    await teacher.page.evaluate(() => window.bm.joinAudio());
    await student.page.evaluate(() => window.bm.joinAudio());
    for (const p of [teacher.page, student.page])
      await eventually(() => p.evaluate(() => window.bm.received('audio', 'audio')), { timeoutMs: 30000 });

    await teacher.page.evaluate(() => window.bm.publishCamera());
    await eventually(() => student.page.evaluate(() => window.bm.received('subscriber', 'video')), { timeoutMs: 30000 });
    const streams = await student.page.evaluate(() => window.bm.streams);
    assert.ok(streams.some((s) => s.userId === teacher.userId && s.source === 'camera' && s.kind === 'video'), JSON.stringify(streams));

    const info = expectSuccess(await call(node, 'getMeetingInfo', { meetingID }));
    assert.equal(info.voiceParticipantCount, '2');
    assert.equal(info.videoCount, '1');

    // A viewer locked out of webcams is refused by the node, whatever the page does.
    await teacher.page.evaluate(() => window.bm.send({ type: 'lockSet', lock: { disableCam: true, lockOnJoin: true } }));
    await teacher.page.evaluate(() => window.bm.next((m) => m.type === 'lock'));  // moderators hear of locks
    await student.page.evaluate(() => window.bm.publishCamera());
    const refused = await student.page.evaluate(() => window.bm.next((m) => m.type === 'error'));
    assert.equal(refused.code, 'locked');

    // Muting reaches everyone as user state.
    await teacher.page.evaluate(() => window.bm.send({ type: 'mediaMute', muted: true, userId: undefined }));
    const update = await student.page.evaluate((id) => window.bm.next((m) => m.type === 'userUpdated' && m.user.userId === id && m.user.media.muted), teacher.userId);
    assert.equal(update.user.media.audio, 'mic');
  });
});

describe('a recorded meeting\'s media', { skip: outsideNamespace }, () => {
  const f = mediaFixture();

  test('Janus records the mix and the webcams only while recording runs', { timeout: 120000 }, async () => {
    const { node, browser } = f;
    const meetingID = uniqueId('recorded-media');
    const created = expectSuccess(await call(node, 'create', { meetingID, name: 'Recorded', record: 'true' }));
    const user = await joinUser(f.node, meetingID, 'Teacher', { role: 'MODERATOR' });
    const { page } = await openClientPage(f, user.token);
    await page.evaluate(() => window.bm.joinAudio());
    await page.evaluate(() => window.bm.publishCamera());
    await page.evaluate(() => window.bm.next((m) => m.type === 'mediaAnswer' && m.pc === 'camera'));
    const dir = join(node.dataDir, 'recordings', 'raw', created.internalMeetingID, 'media');
    const files = () => (existsSync(dir) ? readdirSync(dir) : []);
    assert.deepEqual(files().filter((f) => /\.(wav|mjr)$/.test(f)), [], 'nothing before recording starts');

    await page.evaluate(() => window.bm.send({ type: 'recordingSet', recording: true }));
    // Janus writes to <name>.tmp while recording and renames it when the recording stops.
    await eventually(() => files().some((f) => /^audio-.*\.wav\.tmp$/.test(f)) && files().some((f) => /video.*\.mjr\.tmp$/.test(f)), { timeoutMs: 30000 });
    const notes = readFileSync(join(dir, 'media.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(notes.some((n) => n.event === 'recording-on' && n.audioFile.endsWith('.wav')));
    assert.ok(notes.some((n) => n.event === 'publisher' && n.userId === user.userId && n.source === 'camera'));

    await page.evaluate(() => window.bm.send({ type: 'recordingSet', recording: false }));
    await eventually(() => !files().some((f) => f.endsWith('.tmp')), { timeoutMs: 30000 });
    assert.ok(files().some((f) => /^audio-.*\.wav$/.test(f)) && files().some((f) => /video.*\.mjr$/.test(f)), JSON.stringify(files()));
  });
});
