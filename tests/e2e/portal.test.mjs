// Browser end-to-end: the portal's single-page app in headless Chromium in
// front of the whole stack on loopback (a gateway with a recordings store, one
// node spooling its recordings into it, `bluemeet portal` for the tenant).
// A person signs up, confirms the address by the link mailed to a local SMTP
// sink, signs in, creates a room in the dialog and gives it a viewer
// access code; starting it lands in the node's meeting client as a moderator;
// a guest follows the shareable link with a name and the code and arrives as a
// viewer; a meeting recorded in the client appears in the room's recordings by
// itself (the gateway's recording-ready callback); axe-core finds no serious or
// critical violation on the main pages; the create-room dialog works with the
// keyboard alone; a browser in Italian gets the Italian UI.
//
// The tests share one account and one owner's browser context and run in order.
// Every wait is bounded (Playwright's auto-waits with UI_TIMEOUT_MS, bounded polls).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asList, call, expectSuccess } from '../lib/api.mjs';
import { eventually } from '../lib/harness.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { startPortal } from '../lib/portal.mjs';
import { linkIn, startSmtpSink } from '../lib/smtp.mjs';
import { closeAll, launchBrowser, openPage, userItem, UI_TIMEOUT_MS } from './lib.mjs';

const [sqlite] = backends();
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TEST_TIMEOUT_MS = 60000;

const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };
const OWNER = { name: 'Ada Lovelace', email: 'ada@example.org', password: 'analytical-engine' };
const VIEWER_CODE = '424242';

// Runs axe-core in the page (evaluated through the DevTools protocol, so the
// portal's CSP, which allows no inline script, stays as it is) and returns the
// violations of impact serious or critical, one readable line each.
async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(', ')}`);
}

// The portal page's heading (each page has exactly one h1, #page-title).
const heading = (page) => page.locator('#page-title');

// The browser is in the node's meeting client, connected.
async function inMeetingClient(page, node, role) {
  await page.locator('[data-testid="status"][data-state="connected"]').waitFor();
  await page.locator(`[data-testid="you-role"][data-role="${role}"]`).waitFor();
  assert.ok(page.url().startsWith(`${node.url}/client/`), `in the node's client: ${page.url()}`);
}

// The gateway's view of the tenant's running meeting with this name (its meetingID is the room's).
async function runningMeeting(client, name) {
  return eventually(async () => {
    const r = expectSuccess(await call(client, 'getMeetings'));
    return asList(r.meetings?.meeting).find((m) => m.meetingName === name);
  }, { timeoutMs: UI_TIMEOUT_MS });
}

describe('the portal in Chromium', () => {
  const root = mkdtempSync(join(tmpdir(), 'bluemeet-e2e-portal-'));
  mkdirSync(join(root, 'spool'), { recursive: true });
  after(() => rmSync(root, { recursive: true, force: true }));
  const f = federationFixture(sqlite, {
    nodes: [{}], tenants: { campus: {} }, gatewayArgs: ['--recordings', root], nodeArgs: ['--spool', join(root, 'spool')],
  });
  let portal;
  let smtp;
  let browser;
  let owner; // the owner's context and page, signed in by the first test
  let meeting; // the owner's meeting client, opened by the second test
  let room; // { friendlyId, name } of the room the first test creates
  before(async () => {
    smtp = await startSmtpSink();
    portal = await startPortal({
      gatewayApi: `${f.gateway.url}/t/campus/bigbluebutton/api/`, secret: f.clients.campus.secret,
      args: ['--admin-email', ADMIN.email, '--admin-password', ADMIN.password, '--smtp', smtp.url],
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await closeAll(owner?.context, meeting?.context, browser);
    await portal?.stop();
    await smtp?.stop();
  });

  // A new context with one page, closed when the test ends.
  async function pageFor(t, options) {
    const p = await openPage(browser, options);
    t.after(() => closeAll(p.context));
    return p;
  }

  test('sign up, confirm the address from the mail, sign out, sign in; create a room in the dialog; give it a viewer access code in its settings', { timeout: TEST_TIMEOUT_MS }, async () => {
    owner = await openPage(browser);
    const { page } = owner;
    await page.goto(`${portal.url}/signup`);
    await page.getByTestId('signup-name').fill(OWNER.name);
    await page.getByTestId('signup-email').fill(OWNER.email);
    await page.getByTestId('signup-password').fill(OWNER.password);
    await page.getByTestId('signup-submit').click();
    // A mail server is configured: the address is confirmed first, by the mailed link.
    await page.getByTestId('signup-check-email').waitFor();
    const mail = await smtp.waitFor((m) => m.to.includes(OWNER.email));
    await page.goto(linkIn(mail, portal.url));
    await page.getByTestId('verify-done').waitFor();
    await page.getByTestId('verify-continue').click();
    await page.waitForURL(`${portal.url}/rooms`);
    await page.getByTestId('who').filter({ hasText: OWNER.name }).waitFor();
    await page.getByTestId('rooms-empty').waitFor();
    await page.getByTestId('signout').click();
    await page.getByTestId('nav-signin').waitFor();
    await page.goto(`${portal.url}/rooms`);
    await page.waitForURL(/\/signin\?next=%2Frooms$/);
    await page.getByTestId('signin-email').fill(OWNER.email);
    await page.getByTestId('signin-password').fill('not-the-password');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor();
    await page.getByTestId('signin-password').fill(OWNER.password);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL(`${portal.url}/rooms`);
    await page.getByTestId('who').filter({ hasText: OWNER.name }).waitFor();

    await page.getByTestId('room-create').click();
    await page.getByTestId('room-name').fill('Analysis seminar');
    await page.getByTestId('room-create-submit').click();
    const card = page.getByTestId('room-card').filter({ hasText: 'Analysis seminar' });
    await card.waitFor();
    assert.equal(await page.getByTestId('room-create-dialog').count(), 0, 'the dialog closed');
    room = { name: 'Analysis seminar', friendlyId: await card.getAttribute('data-friendly-id') };
    assert.match(room.friendlyId, /^[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}$/);
    assert.equal(await card.getAttribute('data-running'), 'false');

    await card.getByTestId('room-open').click();
    await page.waitForURL(`${portal.url}/rooms/${room.friendlyId}`);
    await heading(page).filter({ hasText: room.name }).waitFor();
    assert.equal(await page.getByTestId('room-url').inputValue(), `${portal.url}/r/${room.friendlyId}`);
    await page.getByTestId('recordings-empty').waitFor();

    await page.getByTestId('settings-open').click();
    const dialog = page.getByTestId('settings-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('settings-viewerAccessCode').inputValue(), '');
    await dialog.getByTestId('settings-viewerAccessCode').fill(VIEWER_CODE);
    await dialog.getByTestId('settings-save').click();
    await dialog.waitFor({ state: 'detached' });
    // Saved on the server: a fresh load of the page shows the code in the settings.
    await page.reload();
    await heading(page).filter({ hasText: room.name }).waitFor();
    await page.getByTestId('settings-open').click();
    assert.equal(await page.getByTestId('settings-viewerAccessCode').inputValue(), VIEWER_CODE);
    await page.getByTestId('dialog-close').click();
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(owner.errors, [], 'no script errors');
  });

  test('starting the room from its page lands in the node\'s meeting client as a moderator', { timeout: TEST_TIMEOUT_MS }, async () => {
    assert.ok(room, 'the room of the first test');
    // The meeting gets a context of its own, so that the owner's portal page stays.
    meeting = await openPage(browser);
    await meeting.context.addCookies(await owner.context.cookies());
    const { page } = meeting;
    await page.goto(`${portal.url}/rooms/${room.friendlyId}`);
    await heading(page).filter({ hasText: room.name }).waitFor();
    await page.getByTestId('room-start').click();
    // portal → gateway's join → node's join → the node's client.
    await inMeetingClient(page, f.nodes[0], 'MODERATOR');
    await page.locator('h1').filter({ hasText: room.name }).waitFor();
    await userItem(page, OWNER.name).waitFor();
    assert.deepEqual(meeting.errors, [], 'no script errors');

    // The rooms list says it runs.
    await owner.page.goto(`${portal.url}/rooms`);
    await owner.page.locator(`[data-testid="room-card"][data-friendly-id="${room.friendlyId}"][data-running="true"]`).waitFor();
  });

  test('a guest opens the shareable link, gives a name and the access code, and joins as a viewer', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    assert.ok(meeting, 'the meeting of the second test');
    const { page, errors } = await pageFor(t);
    await page.goto(`${portal.url}/r/${room.friendlyId}`);
    await heading(page).filter({ hasText: room.name }).waitFor();
    await page.getByTestId('join-status').filter({ hasText: 'In progress' }).waitFor();
    await page.getByTestId('join-name').fill('Gus Guest');
    // Without the code, then with a wrong one: asked again, still on the portal.
    await page.getByTestId('join-submit').click();
    await page.locator('[data-testid="join-code"][aria-invalid="true"]').waitFor();
    await page.getByTestId('join-code').fill('000000');
    await page.getByTestId('join-submit').click();
    await page.locator('.field-error').filter({ hasText: 'The access code is not correct.' }).waitFor();
    assert.ok(page.url().startsWith(portal.url), page.url());
    await page.getByTestId('join-code').fill(VIEWER_CODE);
    await page.getByTestId('join-submit').click();
    await inMeetingClient(page, f.nodes[0], 'VIEWER');
    await userItem(page, 'Gus Guest').waitFor();
    await userItem(page, OWNER.name).waitFor();
    // The moderator sees the guest arrive.
    await userItem(meeting.page, 'Gus Guest').waitFor();
    assert.deepEqual(errors, [], 'no script errors');
  });

  test('a meeting recorded in the client appears in the room\'s recordings by itself', { timeout: 90000 }, async () => {
    assert.ok(meeting, 'the meeting of the second test');
    // The first meeting ends; the room is set to record; started again, the moderator records.
    const first = await runningMeeting(f.clients.campus, room.name);
    expectSuccess(await call(f.clients.campus, 'end', { meetingID: first.meetingID }));
    await meeting.page.locator('[data-testid="status"][data-state="ended"]').waitFor();

    const { page } = owner;
    await page.goto(`${portal.url}/rooms/${room.friendlyId}`);
    await heading(page).filter({ hasText: room.name }).waitFor();
    await page.getByTestId('settings-open').click();
    await page.getByTestId('settings-record').check();
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });

    await meeting.page.goto(`${portal.url}/rooms/${room.friendlyId}`);
    await meeting.page.getByTestId('room-start').click();
    await inMeetingClient(meeting.page, f.nodes[0], 'MODERATOR');
    const toggle = meeting.page.getByTestId('record-toggle');
    await toggle.click();
    await meeting.page.getByRole('img', { name: 'This meeting is being recorded' }).waitFor();
    await meeting.page.getByTestId('chat-input').fill('Recorded for the portal');
    await meeting.page.getByTestId('chat-input').press('Enter');
    await meeting.page.getByTestId('chat-message').filter({ hasText: 'Recorded for the portal' }).waitFor();
    const second = await runningMeeting(f.clients.campus, room.name);
    assert.equal(second.meetingID, first.meetingID, 'a room keeps its meeting ID');
    expectSuccess(await call(f.clients.campus, 'end', { meetingID: second.meetingID }));

    // The node spools the recording, the gateway imports it and calls the
    // portal back; nobody resyncs. The page shows it on a fresh load.
    const row = page.getByTestId('recording-row');
    await eventually(async () => {
      await page.reload();
      await heading(page).filter({ hasText: room.name }).waitFor();
      await page.getByTestId('recordings-empty').or(row).first().waitFor();
      return (await row.count()) === 1;
    }, { timeoutMs: 45000, intervalMs: 1000 });
    await row.filter({ hasText: room.name }).waitFor();
    const play = row.getByTestId('recording-play');
    const href = await play.first().getAttribute('href');
    assert.ok(href.startsWith(f.gateway.url), `the playback is served by the gateway: ${href}`);
    const player = await fetch(href);
    assert.equal(player.status, 200, `${href}: ${player.status}`);
    const atGateway = expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID: second.meetingID }));
    assert.equal(asList(atGateway.recordings?.recording)[0].recordID, await row.getAttribute('data-record-id'));
    assert.deepEqual(owner.errors, [], 'no script errors');
  });

  test('axe-core finds no serious or critical violation on the main pages', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    assert.ok(room, 'the room of the first test');
    const report = {};
    const visitor = await pageFor(t);
    const check = async (p, path, ready) => {
      await p.goto(`${portal.url}${path}`);
      await ready(p);
      report[path] = await seriousViolations(p);
    };
    await check(visitor.page, '/', (p) => p.getByTestId('home-join-input').waitFor());
    await check(visitor.page, '/signin', (p) => p.getByTestId('signin-email').waitFor());
    await check(visitor.page, '/signup', (p) => p.getByTestId('signup-email').waitFor());
    await check(visitor.page, `/r/${room.friendlyId}`, (p) => p.getByTestId('join-name').waitFor());
    await check(owner.page, '/rooms', (p) => p.getByTestId('room-card').first().waitFor());
    await check(owner.page, `/rooms/${room.friendlyId}`, (p) => p.getByTestId('recording-row').or(p.getByTestId('recordings-empty')).first().waitFor());
    await owner.page.getByTestId('settings-open').click();
    await owner.page.getByTestId('settings-dialog').waitFor();
    report['/rooms/:id settings dialog'] = await seriousViolations(owner.page);
    await owner.page.getByTestId('dialog-close').click();
    await owner.page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(Object.fromEntries(Object.entries(report).filter(([, v]) => v.length)), {}, 'no serious or critical violation');
    assert.deepEqual(visitor.errors, [], 'no script errors');
  });

  test('the create-room dialog works with the keyboard alone; Escape closes it and gives the focus back', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = owner;
    await page.goto(`${portal.url}/rooms`);
    await page.getByTestId('room-card').first().waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
    // Tab from the top of the page to the "New room" button.
    for (let i = 0; i < 30 && (await focused()) !== 'room-create'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'room-create', 'reached with Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-create-dialog').waitFor();
    assert.equal(await focused(), 'room-name', 'the name field has the focus');
    await page.keyboard.type('Keyboard room');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-card').filter({ hasText: 'Keyboard room' }).waitFor();
    await page.getByTestId('room-create-dialog').waitFor({ state: 'detached' });
    assert.equal(await focused(), 'room-create', 'focus back on the button after submitting');

    await page.keyboard.press('Enter');
    await page.getByTestId('room-create-dialog').waitFor();
    await page.keyboard.type('Never made');
    await page.keyboard.press('Escape');
    await page.getByTestId('room-create-dialog').waitFor({ state: 'detached' });
    assert.equal(await focused(), 'room-create', 'focus back on the button after Escape');
    assert.equal(await page.getByTestId('room-card').filter({ hasText: 'Never made' }).count(), 0);
    assert.deepEqual(owner.errors, [], 'no script errors');
  });

  test('a browser in Italian gets the Italian interface', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { page, errors } = await pageFor(t, { locale: 'it-IT' });
    await page.goto(`${portal.url}/signin`);
    await heading(page).filter({ hasText: 'Accedi' }).waitFor();
    assert.equal(await page.getByTestId('signin-submit').textContent(), 'Accedi');
    assert.equal(await page.locator('html').getAttribute('lang'), 'it');
    assert.equal(await page.getByTestId('lang-select').inputValue(), 'it');
    await page.goto(`${portal.url}/r/${room.friendlyId}`);
    await heading(page).filter({ hasText: `Entra in «${room.name}»` }).waitFor();
    assert.deepEqual(errors, [], 'no script errors');
  });
});
