// Audio and webcams through the node and its Janus, with Chromium's fake
// devices: the node relays the signalling of bare RTCPeerConnections (no web
// client involved, so this tests the node's side of the session protocol),
// and getStats shows media flowing. Runs inside a network namespace of its
// own (tests/netns-run.sh), where WebRTC can use a non-loopback interface.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { eventually, joinUser, startNode } from '../lib/harness.mjs';
import { call, expectSuccess, uniqueId } from '../lib/api.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './lib.mjs';
import { pageClient } from './media-page.mjs';

const inNamespace = Boolean(process.env.BLUEMEET_NETNS_ADDR);

describe('audio and webcams through the node\'s Janus', { skip: !inNamespace && 'needs tests/netns-run.sh (a network namespace for WebRTC)' }, () => {
  let node;
  let browser;
  const meetingID = uniqueId('media');
  before(async () => {
    node = await startNode({ args: ['--janus', 'auto'] });
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        '--autoplay-policy=no-user-gesture-required'],
    });
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  async function enter(name, role) {
    const user = await joinUser(node, meetingID, name, { role });
    const page = await (await browser.newContext()).newPage();
    // The node's own origin (127.0.0.1 in the namespace): a secure context for getUserMedia.
    await page.goto(node.url + '/health');
    await page.evaluate(pageClient);
    const welcome = await page.evaluate((u) => window.bm.open(u), node.url.replace(/^http/, 'ws') + '/client/ws?sessionToken=' + user.token);
    return { ...user, page, welcome };
  }

  test('two participants hear the mix, one sees the other\'s webcam, and the API counts it', { timeout: 120000 }, async () => {
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

describe('a recorded meeting\'s media', { skip: !inNamespace && 'needs tests/netns-run.sh (a network namespace for WebRTC)' }, () => {
  let node;
  let browser;
  before(async () => {
    node = await startNode({ args: ['--janus', 'auto'] });
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    });
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test('Janus records the mix and the webcams only while recording runs', { timeout: 120000 }, async () => {
    const meetingID = uniqueId('recorded-media');
    const created = expectSuccess(await call(node, 'create', { meetingID, name: 'Recorded', record: 'true' }));
    const user = await joinUser(node, meetingID, 'Teacher', { role: 'MODERATOR' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(node.url + '/health');
    await page.evaluate(pageClient);
    await page.evaluate((u) => window.bm.open(u), node.url.replace(/^http/, 'ws') + '/client/ws?sessionToken=' + user.token);
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
