// Browser end-to-end: real `bluemeet node`, headless Debian Chromium, the
// embedded web client. Every test has its own node, receiver and browser
// contexts; all waits are Playwright auto-waits or bounded polls (no sleeps).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, eventually, signedUrl, startNode, startReceiver } from '../lib/harness.mjs';
import { chatMessage, closeAll, launchBrowser, openPage, userItem, userItems, verifyJwtHS512, UI_TIMEOUT_MS } from './lib.mjs';

const SCREENSHOT = '/tmp/e2e-moderator.png';
const TEST_TIMEOUT_MS = 45000;

const uid = () => Math.random().toString(36).slice(2, 8);

// Node + receiver for one test, torn down by the test's own after hook.
async function setup(t) {
  const node = await startNode();
  t.after(() => node.stop());
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  return { node, receiver };
}

// A page in its own context, closed when the test ends (passed or not).
async function pageFor(t, browser) {
  const p = await openPage(browser);
  t.after(() => closeAll(p.context));
  return p;
}

// Polls the receiver's log (no lingering timers, unlike long waitFor calls).
function received(receiver, pred, what) {
  return eventually(() => receiver.requests.find(pred), { timeoutMs: UI_TIMEOUT_MS }).catch((e) => {
    throw new Error(`${what}: ${e.message}; got ${JSON.stringify(receiver.requests.map((r) => r.method + ' ' + r.url))}`);
  });
}

async function create(node, params) {
  const r = await call(node, 'create', { record: 'false', ...params });
  assert.equal(r.xml?.response?.returncode, 'SUCCESS', r.text);
  return r.xml.response;
}

// Opens the signed join URL in the page; the node answers 302 to its client.
async function join(node, page, params) {
  await page.goto(signedUrl(node, 'join', params));
  assert.match(page.url(), new RegExp('^' + node.url + '/client/join\\?sessionToken=[^&]+$'));
}

describe('web client in Chromium', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => closeAll(browser));

  test('moderator and attendee chat; the end sends both to logoutURL and fires the callbacks', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { node, receiver } = await setup(t);
    const meetingID = 'e2e meeting ' + uid();
    const logoutURL = receiver.base + '/logout';
    await create(node, {
      meetingID, name: 'E2E chat', logoutURL,
      'meta_endCallbackUrl': receiver.base + '/end?x=1',
      'meta_analytics-callback-url': receiver.base + '/analytics',
    });

    const mod = await pageFor(t, browser);
    const att = await pageFor(t, browser);
    await join(node, mod.page, { meetingID, fullName: 'Mona Moderator', role: 'MODERATOR' });
    await join(node, att.page, { meetingID, fullName: 'Ari Attendee', role: 'VIEWER', userID: 'ext-ari-42' });

    await mod.page.locator('[data-testid="you-role"][data-role="MODERATOR"]').waitFor();
    await att.page.locator('[data-testid="you-role"][data-role="VIEWER"]').waitFor();
    for (const { page } of [mod, att]) {
      await page.locator('[data-testid="status"][data-state="connected"]').waitFor();
      assert.equal(await page.getByTestId('status').count(), 1, 'exactly one status element');
    }

    // Both see both.
    for (const { page } of [mod, att]) {
      await userItem(page, 'Mona Moderator').waitFor();
      await userItem(page, 'Ari Attendee').waitFor();
    }
    const modItems = await userItems(mod.page);
    assert.equal(modItems.length, 2, JSON.stringify(modItems));
    const modUser = modItems.find((u) => u.name === 'Mona Moderator');
    const attUser = modItems.find((u) => u.name === 'Ari Attendee');
    assert.equal(modUser.role, 'MODERATOR');
    assert.equal(attUser.role, 'VIEWER');
    assert.match(modUser.userId, /^w_/);
    assert.deepEqual((await userItems(att.page)).map((u) => u.userId).sort(), [modUser.userId, attUser.userId].sort());
    // Only the moderator gets moderator actions.
    assert.equal(await att.page.getByTestId('end-meeting').count(), 0);
    assert.equal(await att.page.getByTestId('remove-user').count(), 0);

    // Attendee → moderator, with the send button.
    const hello = 'hello from the attendee ' + uid();
    await att.page.getByTestId('chat-input').fill(hello);
    await att.page.getByTestId('chat-send').click();
    const seenByMod = chatMessage(mod.page, hello);
    await seenByMod.waitFor();
    assert.equal(await seenByMod.getAttribute('data-user-id'), attUser.userId);

    // Moderator → attendee, with Enter.
    const reply = 'welcome, Ari <b>not bold</b> ' + uid();
    await mod.page.getByTestId('chat-input').fill(reply);
    await mod.page.getByTestId('chat-input').press('Enter');
    const seenByAtt = chatMessage(att.page, reply);
    await seenByAtt.waitFor();
    assert.equal(await seenByAtt.getAttribute('data-user-id'), modUser.userId);
    assert.equal(await seenByAtt.locator('b').count(), 0, 'chat text must not be rendered as HTML');
    await chatMessage(mod.page, reply).waitFor();
    await chatMessage(att.page, hello).waitFor();
    assert.equal(await mod.page.getByTestId('chat-input').inputValue(), '');

    await mod.page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The moderator ends the meeting; both pages end up on the logout URL.
    await mod.page.getByTestId('end-meeting').click();
    await mod.page.getByTestId('confirm-ok').click();
    await Promise.all([mod, att].map(async ({ page }) => {
      // The end screen says why (it stays up for 2 s), then the page leaves.
      await page.locator('[data-testid="ended"] [data-testid="status"][data-state="ended"][data-reason="ended"]').waitFor();
      await page.waitForURL(logoutURL, { timeout: UI_TIMEOUT_MS });
      assert.equal(page.url(), logoutURL);
    }));

    // End callback: GET, the callback's own query kept, BBB's parameters appended.
    const end = await received(receiver, (r) => r.url.startsWith('/end'), 'end callback');
    assert.equal(end.method, 'GET');
    const endUrl = new URL(end.url, receiver.base);
    assert.equal(endUrl.searchParams.get('x'), '1');
    assert.equal(endUrl.searchParams.get('recordingmarks'), 'false');
    assert.equal(endUrl.searchParams.get('meetingID'), meetingID);
    assert.equal(receiver.requests.filter((r) => r.url.startsWith('/end')).length, 1);

    // Analytics callback: POST JSON with an HS512 Bearer JWT signed with the secret.
    const an = await received(receiver, (r) => r.url === '/analytics', 'analytics callback');
    assert.equal(an.method, 'POST');
    assert.match(an.headers['content-type'], /^application\/json/);
    const auth = an.headers.authorization ?? '';
    assert.match(auth, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const { claims } = verifyJwtHS512(auth.slice(7), node.secret);
    assert.ok(claims.exp > Date.now() / 1000, 'JWT expired: ' + JSON.stringify(claims));
    assert.throws(() => verifyJwtHS512(auth.slice(7), node.secret + 'x'), /signature/);
    const body = JSON.parse(an.body);
    assert.equal(body.meeting_id, meetingID);
    const attendees = body.data.attendees;
    assert.deepEqual(attendees.map((a) => a.ext_user_id).sort(), [modUser.userId, 'ext-ari-42'].sort());
    const byExt = Object.fromEntries(attendees.map((a) => [a.ext_user_id, a]));
    assert.equal(byExt[modUser.userId].moderator, true);
    assert.equal(byExt[modUser.userId].name, 'Mona Moderator');
    assert.equal(byExt['ext-ari-42'].moderator, false);
    assert.equal(byExt['ext-ari-42'].name, 'Ari Attendee');
    assert.equal(byExt[modUser.userId].engagement.chats, 1);
    assert.equal(byExt['ext-ari-42'].engagement.chats, 1);
    for (const a of attendees) {
      assert.equal(a.joins.length, 1, JSON.stringify(a));
      assert.equal(a.leaves.length, 1, JSON.stringify(a));
    }

    const running = await call(node, 'isMeetingRunning', { meetingID });
    assert.equal(running.xml.response.running, 'false');
    assert.deepEqual([...mod.errors, ...att.errors], []);
  });

  test('guest waits, is admitted, then removed to its own logout URL', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { node, receiver } = await setup(t);
    const meetingID = 'e2e-guests-' + uid();
    const guestLogout = receiver.base + '/guest-bye';
    await create(node, { meetingID, name: 'E2E guests', guestPolicy: 'ASK_MODERATOR', logoutURL: receiver.base + '/logout' });

    const mod = await pageFor(t, browser);
    const guest = await pageFor(t, browser);
    await join(node, mod.page, { meetingID, fullName: 'Mona Moderator', role: 'MODERATOR' });
    await userItem(mod.page, 'Mona Moderator').waitFor();

    await join(node, guest.page, { meetingID, fullName: 'Gus Guest', role: 'VIEWER', guest: 'true', logoutURL: guestLogout });
    await guest.page.getByTestId('waiting').waitFor();
    await guest.page.locator('[data-testid="status"][data-state="waiting"]').waitFor();
    assert.equal(await guest.page.getByTestId('chat-input').count(), 0);

    // The moderator sees the waiting guest, not yet a participant.
    const item = mod.page.locator('[data-testid="guest-item"][data-name="Gus Guest"]');
    await item.waitFor();
    assert.equal(await userItem(mod.page, 'Gus Guest').count(), 0);
    await item.getByTestId('guest-admit').click();

    // Admitted on the same page: the guest is in, and in the moderator's list.
    await userItem(guest.page, 'Gus Guest').waitFor();
    await userItem(guest.page, 'Mona Moderator').waitFor();
    const gusRow = userItem(mod.page, 'Gus Guest');
    await gusRow.waitFor();
    await gusRow.getByTestId('guest-marker').waitFor();
    await item.waitFor({ state: 'detached' });
    assert.equal(guest.page.url().includes('/client/join?sessionToken='), true);

    // Removal, with confirmation, sends the guest to the logoutURL of its join.
    await gusRow.hover();
    await gusRow.getByTestId('remove-user').click();
    await mod.page.getByTestId('confirm-ok').click();
    await guest.page.locator('[data-testid="ended"] [data-testid="status"][data-reason="removed"]').waitFor();
    await guest.page.waitForURL(guestLogout);
    assert.equal(guest.page.url(), guestLogout);
    await gusRow.waitFor({ state: 'detached' });
    assert.deepEqual((await userItems(mod.page)).map((u) => u.name), ['Mona Moderator']);
    assert.equal(mod.page.url().includes('/client/join?sessionToken='), true);
    assert.deepEqual([...mod.errors, ...guest.errors], []);
  });

  test('chat works from the keyboard alone', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { node } = await setup(t);
    const meetingID = 'e2e-keys-' + uid();
    await create(node, { meetingID, name: 'E2E keyboard' });
    const { page, errors } = await pageFor(t, browser);
    await join(node, page, { meetingID, fullName: 'Kim Keys', role: 'VIEWER' });
    await userItem(page, 'Kim Keys').waitFor();

    // Tab from the top of the page until the composer has focus.
    const input = page.getByTestId('chat-input');
    const focused = () => input.evaluate((el) => el === document.activeElement);
    let tabs = 0;
    while (!(await focused())) {
      assert.ok(++tabs <= 40, 'chat input not reachable with Tab');
      await page.keyboard.press('Tab');
    }

    // Shift+Enter is a new line, Enter sends; focus stays for the next message.
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    await page.keyboard.press('Enter');
    const msg = chatMessage(page, 'second line');
    await msg.waitFor();
    assert.match(await msg.innerText(), /first line\s*\n\s*second line/);
    assert.equal(await input.inputValue(), '');
    assert.ok(await focused(), 'focus left the chat input after sending');

    await page.keyboard.type('again');
    await page.keyboard.press('Enter');
    await chatMessage(page, 'again').waitFor();
    assert.equal(await page.getByTestId('chat-message').count(), 2);
    assert.deepEqual(errors, []);
  });
});
