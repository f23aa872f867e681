// Browser end-to-end: a meeting created with a PDF in create's <modules> body
// (as BBB's POST create takes it), shown in the node's web client in headless
// Debian Chromium. The presenter turns pages; a viewer follows, and sees each
// page actually painted (its canvas has that page's colour). All waits are
// Playwright auto-waits or bounded polls on conditions, never sleeps.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { eventually, parseXml, signedUrl, startNode } from '../lib/harness.mjs';
import { makePdf } from '../lib/pdf.mjs';
import { closeAll, launchBrowser, openPage, UI_TIMEOUT_MS } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TEST_TIMEOUT_MS = 90000;
const SCREENSHOT = '/tmp/e2e-presentation.png';

// Each page is filled with its own colour, so a painted pixel tells which page is shown.
const PAGES = [
  { color: [0.8, 0.1, 0.1], text: 'First page' },
  { color: [0.1, 0.6, 0.2], text: 'Second page' },
  { color: [0.1, 0.2, 0.8], text: 'Third page' },
];
const rgb = (c) => c.map((v) => Math.round(v * 255));

const uid = () => Math.random().toString(36).slice(2, 8);

// POST create with a <modules> body; the checksum covers the query string only, as in BBB.
async function createWithPdf(node, params, pdf) {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><modules><module name="presentation">' +
    `<document current="true" downloadable="true" filename="slides.pdf">${pdf.toString('base64')}</document>` +
    '</module></modules>';
  const res = await fetch(signedUrl(node, 'create', params), {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body,
  });
  const text = await res.text();
  assert.equal(parseXml(text)?.response?.returncode, 'SUCCESS', text);
}

async function join(t, browser, node, params) {
  const p = await openPage(browser);
  t.after(() => closeAll(p.context));
  await p.page.goto(signedUrl(node, 'join', params));
  await p.page.locator('[data-testid="status"][data-state="connected"]').waitFor();
  return p;
}

const viewer = (page) => page.getByTestId('presentation');
const renderedPage = (page, n) => page.locator(`[data-testid="presentation"][data-rendered-page="${n}"]`);

// The colour near the top-left corner of the painted page (away from the label).
async function paintedColour(page) {
  return viewer(page).locator('canvas').evaluate((c) => {
    const x = Math.floor(c.width * 0.04);
    const y = Math.floor(c.height * 0.04);
    return Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3));
  });
}

async function expectColour(page, want, what) {
  // The attribute is set once the canvas is in place; poll only to tolerate a repaint in between.
  const got = await eventually(async () => {
    const c = await paintedColour(page);
    return c.every((v, i) => Math.abs(v - want[i]) <= 3) ? c : null;
  }, { timeoutMs: UI_TIMEOUT_MS }).catch(async (e) => {
    throw new Error(`${what}: want ${want}, got ${await paintedColour(page)} (${e.message})`);
  });
  assert.ok(got);
}

// axe-core inside the stage (the viewer and the tiles beside it): serious and critical only.
async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector('[data-testid="stage"]'), { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(', ')}`);
}

describe('presentation in Chromium', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => closeAll(browser));

  test('the presenter turns the pages of a PDF given at create; a viewer sees each page painted', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const node = await startNode();
    t.after(() => node.stop());
    const meetingID = 'e2e slides ' + uid();
    await createWithPdf(node, { meetingID, name: 'E2E slides', record: 'false' }, makePdf(PAGES));

    const pres = await join(t, browser, node, { meetingID, fullName: 'Paula Presenter', role: 'MODERATOR' });
    const view = await join(t, browser, node, { meetingID, fullName: 'Victor Viewer', role: 'VIEWER' });

    // The first moderator is the presenter; the viewer is not.
    await pres.page.getByTestId('presentation-next').waitFor();
    await renderedPage(view.page, 1).waitFor();
    const v = viewer(view.page);
    assert.equal(await v.getAttribute('data-page'), '1');
    assert.equal(await v.getAttribute('data-pages'), '3');
    assert.match(await v.getAttribute('data-doc-id'), /\S/);
    assert.equal(await v.locator('canvas').getAttribute('aria-label'), 'slides.pdf, page 1 of 3');
    await expectColour(view.page, rgb(PAGES[0].color), 'viewer, page 1');

    // Viewers follow; they have no page controls.
    for (const id of ['presentation-prev', 'presentation-next', 'presentation-page-input', 'presentation-doc-select'])
      assert.equal(await view.page.getByTestId(id).count(), 0, `viewer has no ${id}`);
    assert.equal(await view.page.getByTestId('presentation-status').textContent(), 'Page 1 of 3');

    // The document is downloadable, from the node itself.
    const href = await view.page.getByTestId('presentation-download').getAttribute('href');
    assert.match(href, /^\/bigbluebutton\/presentation\/[^/?]+\?sessionToken=/);
    const file = await view.page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, href);
    assert.deepEqual(file, { status: 200, type: 'application/pdf', head: '%PDF-' });

    // The presenter: previous is unavailable on the first page; next twice reaches page 3.
    await renderedPage(pres.page, 1).waitFor();
    assert.equal(await pres.page.getByTestId('presentation-prev').getAttribute('aria-disabled'), 'true');
    await pres.page.getByTestId('presentation-next').click();
    await pres.page.getByTestId('presentation-next').click();
    await renderedPage(pres.page, 3).waitFor();
    assert.equal(await pres.page.getByTestId('presentation-next').getAttribute('aria-disabled'), 'true');

    await renderedPage(view.page, 3).waitFor();
    assert.equal(await v.getAttribute('data-page'), '3');
    assert.equal(await v.locator('canvas').getAttribute('aria-label'), 'slides.pdf, page 3 of 3');
    await expectColour(view.page, rgb(PAGES[2].color), 'viewer, page 3');
    await view.page.locator('[data-testid="presentation-live"]', { hasText: 'Slide 3 of 3' }).waitFor();
    assert.equal(await view.page.getByTestId('presentation-status').textContent(), 'Page 3 of 3');

    // The keyboard, with the viewer focused: one page back.
    await viewer(pres.page).focus();
    await pres.page.keyboard.press('ArrowLeft');
    await renderedPage(view.page, 2).waitFor();
    await expectColour(view.page, rgb(PAGES[1].color), 'viewer, page 2');

    // A page number past the end is kept within the document.
    await pres.page.getByTestId('presentation-page-input').fill('9');
    await pres.page.getByTestId('presentation-page-input').press('Enter');
    await renderedPage(view.page, 3).waitFor();

    await view.page.screenshot({ path: SCREENSHOT });
    assert.deepEqual(await seriousViolations(view.page), [], 'viewer');
    assert.deepEqual(await seriousViolations(pres.page), [], 'presenter');
    assert.deepEqual(view.errors, []);
    assert.deepEqual(pres.errors, []);
  });
});
