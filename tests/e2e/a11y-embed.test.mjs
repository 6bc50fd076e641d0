// axe-core on the parts that came with the article graphics: the embed (light and dark,
// at article-column widths), the story preset, the "Copy embed code" dialog and a
// Download menu, all open. Same rules as tests/e2e/a11y.test.mjs: zero violations, and
// the strict CSP reports nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, watchedPage, cspViolations, BASE } from './helpers.mjs';
import { checkAxe } from './axe.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [width, theme] of [[320, 'light'], [700, 'light'], [700, 'dark']]) {
  test(`axe: no violations in the embed, ${theme}, ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, {
      width, query: `?embed&recipient=Myanmar&theme=${theme}`,
    });
    await page.waitForSelector('[data-testid="embed"]');
    await page.waitForSelector('[data-testid="embed-title"]');
    await checkAxe(page, `embed, ${theme}, ${width} px`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// Every view's compact embed, with its "Notes and method" disclosure open (what it says
// is then in the page too).
for (const [view, ready, extra] of [
  ['map', '[data-testid="view-flowmap"][data-map="ready"]', ''],
  ['rankings', '[data-testid="rank-suppliers"]', ''],
  ['register', '[data-testid="embed-deal"]', ''],
  ['passport', '[data-testid="passport-table"]', '&system=Mi-17'],
]) {
  test(`axe: no violations in the ${view} embed, 320 px, notes open`, async () => {
    const { page, context, problems } = await openEmbedView(`?embed&recipient=Myanmar&view=${view}${extra}`);
    await page.waitForSelector(ready);
    await checkAxe(page, `${view} embed, 320 px`);
    await page.click('[data-testid="embed-details"] summary');
    await page.waitForSelector('[data-testid="embed-tiv-note"]', { state: 'visible' });
    await checkAxe(page, `${view} embed, 320 px, notes open`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** An embed of a view other than the timeline (openApp waits for the timeline). */
async function openEmbedView(query) {
  const { page, context, problems } = await watchedPage(browser, { width: 320, height: 900 });
  await page.goto(BASE + query);
  await page.waitForSelector('[data-testid="embed-title"]');
  return { page, context, problems };
}

test('axe: no violations with the story preset shown', async () => {
  const { page, context } = await openApp(browser, { query: '?story=myanmar' });
  await page.waitForSelector('.story');
  await checkAxe(page, 'story preset');
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('axe: no violations with the embed-code dialog open', async () => {
  const { page, context } = await openApp(browser, { query: '?recipient=Myanmar' });
  await page.click('[data-testid="embed-open"]');
  await page.waitForSelector('[data-testid="embed-dialog"][open]');
  await checkAxe(page, 'embed-code dialog open');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="embed-dialog"]:not([open])', { state: 'attached' });
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('axe: no violations with a Download menu open', async () => {
  const { page, context } = await openApp(browser, { query: '?recipient=Myanmar' });
  await page.click('[data-testid="download-timeline-button"]');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="download-timeline-button"]').getAttribute('aria-expanded') === 'true');
  await checkAxe(page, 'download menu open');
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
