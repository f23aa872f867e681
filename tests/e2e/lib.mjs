// Browser end-to-end helpers: headless Debian Chromium through playwright-core,
// pages that record their own script errors, and HS512 JWT verification.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.BLUEMEET_CHROMIUM ?? '/usr/bin/chromium';

// Flags for a root user in a container with no GPU and no network beyond loopback.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Every wait in a browser test is bounded by this (Playwright's own default is 30 s).
export const UI_TIMEOUT_MS = 15000;

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// A fresh browser context (own cookies and storage) with one page. `errors`
// collects uncaught page exceptions, to be asserted empty at the end of a test.
export async function openPage(browser, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
  if (process.env.E2E_CONSOLE) page.on('console', (m) => console.error(`[${m.type()}] ${m.text()} @ ${page.url()}`));
  return { context, page, errors };
}

// The participant row for a display name.
export function userItem(page, name) {
  return page.locator(`[data-testid="user-item"][data-name="${name.replace(/"/g, '\\"')}"]`);
}

// The data-* attributes of every participant row, in page order.
export function userItems(page) {
  return page.getByTestId('user-item').evaluateAll((els) => els.map((e) => ({ ...e.dataset })));
}

// A public chat message with exactly this text.
export function chatMessage(page, text) {
  return page.getByTestId('chat-message').filter({ hasText: text });
}

// Verifies an HS512 JWT (the analytics callback's Bearer token) with the
// node's secret; returns { header, claims } or throws saying what is wrong.
export function verifyJwtHS512(token, secret) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a JWT: ' + token);
  const [h, p, sig] = parts;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  if (header.alg !== 'HS512') throw new Error('alg is ' + header.alg);
  const want = createHmac('sha512', secret).update(h + '.' + p).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw new Error('bad JWT signature');
  if (Buffer.from(got).toString('base64url') !== sig) throw new Error('signature is not canonical base64url');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  return { header, claims };
}

// Closes everything it is given, ignoring what is already gone; for after hooks.
export async function closeAll(...things) {
  for (const t of things) {
    if (!t) continue;
    try {
      if (typeof t.stop === 'function') await t.stop();
      else await t.close();
    } catch { /* already closed */ }
  }
}
