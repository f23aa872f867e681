// A recorded meeting's media in its playback: Janus records the mix and a
// webcam while recording runs (paused once in between), the node's Recorder
// turns them into one Opus track on the meeting's timeline and a WebM per
// webcam stretch with a media.json manifest, and the player plays them with
// the events in Chromium. Runs inside a network namespace of its own
// (tests/netns-run.sh), where WebRTC can use a non-loopback interface.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, joinUser } from '../lib/harness.mjs';
import { asList, call, expectSuccess, uniqueId } from '../lib/api.mjs';
import { UI_TIMEOUT_MS } from './lib.mjs';
import { mediaFixture, openClientPage, outsideNamespace } from './media-page.mjs';


// ffprobe's view of a file (read over HTTP from the node, with ranges).
function probe(url) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name:format=duration',
    '-of', 'json', url], { encoding: 'utf8', timeout: 60000 });
  return JSON.parse(out);
}

describe('a recorded meeting\'s audio and webcam in its playback', { skip: outsideNamespace }, () => {
  const f = mediaFixture();

  test('the mix and the webcam play with the events', { timeout: 240000 }, async (t) => {
    const { node, browser } = f;
    const meetingID = uniqueId('media-rec');
    expectSuccess(await call(node, 'create', { meetingID, name: 'Recorded with media', record: 'true' }));
    const user = await joinUser(f.node, meetingID, 'Ann Teacher', { role: 'MODERATOR' });
    const { page } = await openClientPage(f, user.token);
    await page.evaluate(() => window.bm.joinAudio());
    await page.evaluate(() => window.bm.publishCamera());
    await page.evaluate(() => window.bm.next((m) => m.type === 'mediaAnswer' && m.pc === 'camera'));
    await eventually(() => page.evaluate(() => window.bm.received('audio', 'audio')), { timeoutMs: 30000 });

    // Recorded, paused, recorded again: two stretches of a few seconds each.
    const recording = (on) => page.evaluate((r) => window.bm.send({ type: 'recordingSet', recording: r }), on);
    await recording(true);
    await sleep(4000);
    await recording(false);
    await sleep(1500);
    await recording(true);
    await sleep(4000);
    expectSuccess(await call(node, 'end', { meetingID }));

    const rec = await eventually(async () => asList(expectSuccess(await call(node, 'getRecordings', { meetingID })).recordings?.recording)[0],
      { timeoutMs: 120000, intervalMs: 500 });
    const url = asList(rec.playback.format)[0].url;
    const manifest = await (await fetch(url + 'media.json')).json();
    t.diagnostic('media.json: ' + JSON.stringify(manifest));
    assert.ok(manifest.audio, JSON.stringify(manifest) + '\n' + node.stderr());
    assert.equal(manifest.audio.offset, 0);
    const meetingMs = Number(rec.endTime) - Number(rec.startTime);
    assert.ok(manifest.audio.duration > 0 && manifest.audio.duration <= meetingMs + 1000, JSON.stringify(manifest));

    const audio = probe(url + manifest.audio.file);
    assert.ok(audio.streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'opus'), JSON.stringify(audio));
    const audioSeconds = Number(audio.format.duration);
    assert.ok(audioSeconds > 5 && audioSeconds <= meetingMs / 1000 + 2, `audio of ${audioSeconds} s in a meeting of ${meetingMs} ms`);

    assert.ok(manifest.videos.length >= 1, JSON.stringify(manifest));
    for (const v of manifest.videos) {
      assert.equal(v.userId, user.userId);
      assert.equal(v.name, 'Ann Teacher');
      assert.equal(v.source, 'camera');
      assert.ok(v.offset >= 0 && v.offset + v.duration <= meetingMs + 2000, JSON.stringify(v));
      const video = probe(url + v.file);
      assert.ok(video.streams.some((s) => s.codec_type === 'video'), JSON.stringify(video));
      const seconds = Number(video.format.duration);
      assert.ok(seconds > 0.5 && seconds < 10, `video of ${seconds} s`);
    }

    // The player: play drives the <audio>, and the webcam shows inside its stretch.
    const viewer = await (await browser.newContext()).newPage();
    const errors = [];
    viewer.on('pageerror', (e) => errors.push(String(e)));
    await viewer.goto(url);
    await viewer.getByRole('heading', { name: 'Recorded with media' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const longest = manifest.videos.reduce((a, b) => (b.duration > a.duration ? b : a));
    const slider = viewer.getByRole('slider', { name: 'Position' });
    await slider.fill(String(Math.round(longest.offset + 200)));
    await viewer.getByRole('button', { name: 'Play' }).click();
    await eventually(() => viewer.evaluate(() => {
      const a = document.querySelector('audio');
      return a && !a.paused && a.currentTime > 0.5;
    }), { timeoutMs: 30000 });
    await eventually(() => viewer.evaluate(() => [...document.querySelectorAll('video')]
      .some((v) => !v.closest('[hidden]') && v.videoWidth > 0 && v.currentTime > 0)), { timeoutMs: 30000 });
    const label = await viewer.getByRole('figure').first().textContent();
    assert.match(label, /Ann Teacher/);
    await viewer.getByRole('button', { name: 'Pause' }).click();
    assert.ok(await viewer.evaluate(() => document.querySelector('audio').paused));
    assert.deepEqual(errors, [], 'no script errors in the player');
  });
});
