// A node's Janus that dies is started again; the pages hear that their media
// connections failed, and joining again works on the new Janus. Runs inside
// a network namespace of its own (tests/netns-run.sh).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { eventually, joinUser } from '../lib/harness.mjs';
import { apiRequest, call, expectSuccess, uniqueId } from '../lib/api.mjs';
import { mediaFixture, openClientPage, outsideNamespace } from './media-page.mjs';


// The janus the node started (its child).
function janusPid(node) {
  try {
    return Number(execFileSync('pgrep', ['-P', String(node.proc.pid), '-x', 'janus'], { encoding: 'utf8' }).trim().split('\n')[0]) || 0;
  } catch {
    return 0;
  }
}

async function mediaGauge(node) {
  const text = await (await fetch(node.url + '/metrics')).text();
  return Number(text.match(/^bluemeet_node_media_enabled (\d+)$/m)?.[1]);
}

describe('a node whose Janus dies', { skip: outsideNamespace }, () => {
  const f = mediaFixture();

  test('starts it again; the pages hear their audio failed and join again', { timeout: 120000 }, async () => {
    const { node, browser } = f;
    const meetingID = uniqueId('janus-restart');
    expectSuccess(await call(node, 'create', { meetingID, name: 'Restart' }));
    const index = await apiRequest(node, '');
    assert.equal(index.xml.response.media, 'true', 'the API index says media is on');

    const pages = [];
    for (const [name, role] of [['Teacher', 'MODERATOR'], ['Student', 'VIEWER']]) {
      const user = await joinUser(f.node, meetingID, name, { role });
      const { page } = await openClientPage(f, user.token);
      await page.evaluate(() => window.bm.joinAudio());
      pages.push(page);
    }
    for (const page of pages)
      await eventually(() => page.evaluate(() => window.bm.received('audio', 'audio')), { timeoutMs: 30000 });

    const first = janusPid(node);
    assert.ok(first > 0, 'the node runs a janus of its own');
    process.kill(first, 'SIGKILL');
    for (const page of pages) {
      const stopped = await page.evaluate(() => window.bm.next((m) => m.type === 'mediaStopped' && m.pc === 'audio'));
      assert.equal(stopped.reason, 'failed');
    }
    const info = expectSuccess(await call(node, 'getMeetingInfo', { meetingID }));
    assert.equal(info.voiceParticipantCount, '0', 'nobody is in the audio any more');

    // A new janus, reached again; joining works as before.
    await eventually(async () => janusPid(node) > 0 && janusPid(node) !== first && (await mediaGauge(node)) === 1, { timeoutMs: 60000 });
    for (const page of pages) {
      await page.evaluate(() => { window.bm.pcs.audio.close(); delete window.bm.pcs.audio; });
      await page.evaluate(() => window.bm.joinAudio());
    }
    for (const page of pages)
      await eventually(() => page.evaluate(() => window.bm.received('audio', 'audio')), { timeoutMs: 30000 });
    const again = expectSuccess(await call(node, 'getMeetingInfo', { meetingID }));
    assert.equal(again.voiceParticipantCount, '2');
  });
});
