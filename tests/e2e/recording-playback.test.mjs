// Browser end-to-end: a moderator starts recording from the meeting client
// in headless Chromium; the meeting, recorded on a node and imported by the
// gateway, plays from the link getRecordings gives: the player shows the
// meeting's name and its events, and the timeline can be moved with the
// keyboard.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventually, signedUrl } from '../lib/harness.mjs';
import { asList, call, expectSuccess, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { closeAll, launchBrowser, openPage, UI_TIMEOUT_MS } from './lib.mjs';

const [sqlite] = backends();

describe('recording playback in Chromium', () => {
  const root = mkdtempSync(join(tmpdir(), 'bluemeet-e2e-rec-'));
  mkdirSync(join(root, 'spool'), { recursive: true });
  after(() => rmSync(root, { recursive: true, force: true }));
  const f = federationFixture(sqlite, {
    nodes: [{}], tenants: { campus: {} }, gatewayArgs: ['--recordings', root], nodeArgs: ['--spool', join(root, 'spool')],
  });
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => closeAll(browser));

  test('recording started in the client; the recorded chat plays on its timeline', { timeout: 60000 }, async (t) => {
    const meetingID = uniqueId('played');
    expectSuccess(await call(f.clients.campus, 'create', { meetingID, name: 'Played lecture', record: 'true' }));
    const meeting = await openPage(browser);
    t.after(() => closeAll(meeting.context));
    await meeting.page.goto(signedUrl(f.clients.campus, 'join', { meetingID, fullName: 'Grace Hopper', role: 'MODERATOR' }));
    const toggle = meeting.page.getByTestId('record-toggle');
    await toggle.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    await meeting.page.getByRole('img', { name: 'This meeting is being recorded' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await meeting.page.getByTestId('chat-input').fill('First bug found');
    await meeting.page.getByTestId('chat-input').press('Enter');
    await meeting.page.getByTestId('chat-message').filter({ hasText: 'First bug found' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(meeting.errors, [], 'no script errors in the meeting');
    expectSuccess(await call(f.clients.campus, 'end', { meetingID }));
    const rec = await eventually(async () => asList(expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID })).recordings?.recording)[0], { timeoutMs: 20000 });
    const url = asList(rec.playback.format)[0].url;

    const { page, context, errors } = await openPage(browser);
    t.after(() => closeAll(context));
    await page.goto(url);
    await page.getByRole('heading', { name: 'Played lecture' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const events = page.getByTestId('events').locator('li');
    await events.filter({ hasText: 'Grace Hopper: First bug found' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await events.filter({ hasText: 'Recording started' }).waitFor({ timeout: UI_TIMEOUT_MS });
    // Keyboard: the timeline is a labelled slider; End shows everything as past.
    const slider = page.getByRole('slider', { name: 'Position' });
    await slider.focus();
    await page.keyboard.press('End');
    await eventually(async () => (await page.locator('li.future').count()) === 0, { timeoutMs: UI_TIMEOUT_MS });
    assert.equal(await page.getByTestId('play').textContent(), 'Play');
    assert.deepEqual(errors, [], 'no script errors');
  });
});
