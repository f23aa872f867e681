// The web client's audio, webcam and screen share against a node with its
// own Janus, in headless Chromium with fake devices: what one participant
// sends, the other receives (getStats), shown where the page says; mute
// stops the sound. Runs inside a network namespace of its own
// (tests/netns-run.sh), where WebRTC can use a non-loopback interface.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { call, eventually, signedUrl } from '../lib/harness.mjs';
import { mediaFixture, outsideNamespace } from './media-page.mjs';
import { openPage, UI_TIMEOUT_MS } from './lib.mjs';


// Installed before the client loads: remembers every RTCPeerConnection so the
// test can read getStats (test-only instrumentation; the client exposes nothing).
function recordPeerConnections() {
  const Original = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    window.__pcs.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
  // What this page has received, by kind: bytes and (audio) energy.
  window.__inbound = async () => {
    const out = { audioBytes: 0, videoBytes: 0, audioEnergy: 0, videoFrames: 0 };
    for (const pc of window.__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type !== 'inbound-rtp') return;
        if (r.kind === 'audio') { out.audioBytes += r.bytesReceived; out.audioEnergy += r.totalAudioEnergy ?? 0; }
        if (r.kind === 'video') { out.videoBytes += r.bytesReceived; out.videoFrames += r.framesDecoded ?? 0; }
      });
    }
    return out;
  };
}

describe('media in the web client', { skip: outsideNamespace }, () => {
  const f = mediaFixture();

  async function enter(meetingID, fullName, role) {
    const { node, browser } = f;
    const p = await openPage(browser);
    await p.page.addInitScript(recordPeerConnections);
    await p.page.goto(signedUrl(node, 'join', { meetingID, fullName, role }));
    await p.page.getByTestId('audio-join').waitFor();
    return p;
  }

  const inbound = (page) => page.evaluate(() => window.__inbound());
  // Audio energy received over two seconds: the fake microphone beeps about once a second,
  // so a window this long holds a beep whenever someone unmuted is in the mix.
  async function energyGrowth(page) {
    const { node, browser } = f;
    const a = (await inbound(page)).audioEnergy;
    await page.waitForTimeout(2000);
    return (await inbound(page)).audioEnergy - a;
  }
  // True once the value grows between two readings: media keeps arriving.
  async function grows(page, key) {
    const { node, browser } = f;
    const first = (await inbound(page))[key];
    return eventually(async () => (await inbound(page))[key] > first, { timeoutMs: 20000 });
  }

  test('microphones and webcams both ways, and a screen share, reach the other side; mute silences', { timeout: 180000 }, async () => {
    const { node, browser } = f;
    const meetingID = 'media-' + Math.random().toString(36).slice(2, 8);
    const r = await call(node, 'create', { meetingID, name: 'Media in the client' });
    assert.equal(r.xml?.response?.returncode, 'SUCCESS', r.text);
    const teacher = await enter(meetingID, 'Teacher', 'MODERATOR');
    const student = await enter(meetingID, 'Student', 'VIEWER');

    for (const { page } of [teacher, student]) {
      await page.getByTestId('audio-join').click();
      await page.getByTestId('audio-mic').click();
      await page.getByTestId('mute').waitFor();
    }
    // Each hears the other's (fake, beeping) microphone in the mix: the energy received grows.
    await eventually(() => energyGrowth(student.page).then((g) => g > 0), { timeoutMs: 30000 });
    await eventually(() => energyGrowth(teacher.page).then((g) => g > 0), { timeoutMs: 30000 });

    // The teacher mutes: the student hears nothing more from the mix.
    await teacher.page.getByTestId('mute').click();
    await eventually(() => energyGrowth(student.page).then((g) => g < 1e-4), { timeoutMs: 20000 });

    // Camera: the student's stage shows a playing video of the teacher.
    await teacher.page.getByTestId('camera').click();
    const video = student.page.locator('video[data-source="camera"]');
    await video.first().waitFor({ timeout: UI_TIMEOUT_MS * 2 });
    await eventually(() => video.first().evaluate((v) => v.videoWidth > 0), { timeoutMs: 30000 });
    await grows(student.page, 'videoBytes');
    // And the other way round: each sees the other.
    await student.page.getByTestId('camera').click();
    const back = teacher.page.locator('video[data-source="camera"]');
    // The teacher's own preview and the student's camera.
    await eventually(() => back.evaluateAll((vs) => vs.filter((v) => v.videoWidth > 0).length >= 2), { timeoutMs: 30000 });
    await grows(teacher.page, 'videoBytes');

    // Screen share, by the presenter (the first moderator).
    await teacher.page.getByTestId('screen').click();
    const screen = student.page.locator('video[data-source="screen"]');
    await screen.first().waitFor({ timeout: UI_TIMEOUT_MS * 2 });
    await eventually(() => screen.first().evaluate((v) => v.videoWidth > 0), { timeoutMs: 30000 });

    const info = await call(node, 'getMeetingInfo', { meetingID });
    assert.equal(info.xml.response.voiceParticipantCount, '2');
    assert.ok(Number(info.xml.response.videoCount) >= 1);
    for (const { errors } of [teacher, student]) assert.deepEqual(errors, []);
  });
});
