// Rankings, deal register and system passport, end to end in headless Chromium against
// the release dist/, served from a sub-path under the strict CSP by `cargo xtask test`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, cspViolations, shot, until, waitForAttribute, waitForCount } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const text = (page, testid) => page.textContent(`[data-testid="${testid}"]`);

/** TIV of the first `n` rendered register rows, in DOM order. */
async function firstTivs(page, n) {
  return page.evaluate((n) => [...document.querySelectorAll('[data-testid="register-row"] td.col-tiv')]
    .slice(0, n)
    .map((td) => Number(td.textContent.replace(/[^0-9.]/g, ''))), n);
}

async function waitForDeals(page, pattern) {
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="register-count"]')?.textContent || ''), pattern.source);
}

for (const width of [375, 1440]) {
  test(`the three views render, fit and are screenshotted at ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, { width });
    await page.waitForSelector('[data-testid="rank-suppliers"]');
    await page.waitForSelector('[data-testid="register-row"]');
    assert.match(await text(page, 'rankings-title'), /^Rankings: arms deliveries, 1950–2024, SIPRI TIV$/);
    // Top 10 suppliers; a phone shows 5 before "Show all" (a shorter page).
    const top = width < 700 ? 5 : 10;
    assert.equal(await page.locator('[data-testid="rank-suppliers"]').count(), top, `top ${top} suppliers`);
    assert.match(await page.textContent('[data-testid="rankings-suppliers"]'), new RegExp(`top ${top} of \\d+ suppliers`));
    assert.match(await text(page, 'register-count'), /^1,445 deals$/);
    // Only the visible rows are in the DOM, each exactly one fixed row high (on a phone
    // each a card, of one fixed height too).
    const rendered = await page.locator('[data-testid="register-row"]').count();
    assert.ok(rendered > 5 && rendered < 80, `${rendered} rows rendered of 1,445`);
    const heights = await page.evaluate(() => [...document.querySelectorAll('[data-testid="register-row"]')].slice(0, 5).map((r) => r.getBoundingClientRect().height));
    const rowHeight = width === 375 ? heights[0] : 36;
    assert.ok(rowHeight > 36 || width !== 375, `a card is ${rowHeight}px high`);
    assert.ok(heights.every((h) => Math.abs(h - rowHeight) < 0.5), `row heights ${heights}`);
    assert.match(await text(page, 'register-legend'), /≈ SIPRI estimate/);
    // Open a passport so the screenshot shows all three views filled.
    await page.fill('[data-testid="passport-input"]', 'Mi-17');
    await page.waitForSelector('[data-testid="passport-table"]');
    // Nothing sticks out sideways, and the register never scrolls sideways either (on a
    // phone its deals are cards; tests/e2e/layout.test.mjs looks at them closely).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    const inner = await page.evaluate(() => {
      const s = document.querySelector('.register-scroll');
      return s.scrollWidth - s.clientWidth;
    });
    if (width === 375) assert.ok(inner <= 0, `the register scrolls ${inner}px sideways`);
    // Rankings labels are not clipped at this width: each label shows at least 5 characters.
    const labelWidths = await page.evaluate(() => [...document.querySelectorAll('.rank-label')].slice(0, 10).map((l) => l.clientWidth));
    assert.ok(labelWidths.every((w) => w >= 40), `label widths ${labelWidths}`);
    await page.screenshot({ path: shot(`views-${width}.png`), fullPage: true });
    console.log(`screenshot: ${shot(`views-${width}.png`)}`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('clicking a supplier bar filters by it, and clicking again clears it', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  const bar = page.locator('[data-testid="rank-suppliers"][data-label="Russia"]');
  await bar.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="filter-supplier"]').value === 'Russia');
  assert.equal(await waitForAttribute(page, '[data-testid="rank-suppliers"][data-label="Russia"]', 'aria-pressed', 'true'), 'true');
  assert.match(await text(page, 'rankings-title'), /from Russia/);
  assert.match(await text(page, 'register-title'), /from Russia/);
  // The register follows: every row is a Russian deal.
  const suppliers = await until(page, ({ any }) => {
    const s = [...document.querySelectorAll('[data-testid="register-row"] td.col-supplier')].map((t) => t.textContent);
    return (s.length > 0 && s.every((x) => x === 'Russia')) || any ? { value: s } : null;
  });
  assert.ok(suppliers.length > 0 && suppliers.every((s) => s === 'Russia'), suppliers.join());
  // Keyboard: Enter on the focused bar clears it again.
  await bar.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="filter-supplier"]').value === '');
  // Hover sets the linked selection: the bar under the pointer is marked.
  await page.locator('[data-testid="rank-recipients"]').first().hover();
  assert.match(await waitForAttribute(page, '[data-testid="rank-recipients"]', 'class', /is-selected/), /is-selected/);
  // "Show all" lists every supplier.
  await page.click('[data-testid="rankings-suppliers-more"]');
  assert.ok(await waitForCount(page, '[data-testid="rank-suppliers"]', { min: 41 }) > 40);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the register sorts 1,445 deals by TIV both ways and stays virtual while scrolling', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await waitForDeals(page, /^1,445 deals$/);
  await page.click('[data-testid="register-sort-tiv"]');
  await page.waitForFunction(() => document.querySelector('th:has([data-testid="register-sort-tiv"])').getAttribute('aria-sort') === 'descending');
  let tivs = await firstTivs(page, 12);
  assert.ok(tivs.length >= 10, `${tivs.length} rows`);
  assert.deepEqual(tivs, [...tivs].sort((a, b) => b - a), `descending: ${tivs}`);
  assert.ok(tivs[0] >= 500, `the biggest deal comes first: ${tivs[0]}`);
  await page.click('[data-testid="register-sort-tiv"]');
  assert.equal(await waitForAttribute(page, 'th:has([data-testid="register-sort-tiv"])', 'aria-sort', 'ascending'), 'ascending');
  tivs = await firstTivs(page, 12);
  assert.deepEqual(tivs, [...tivs].sort((a, b) => a - b), `ascending: ${tivs}`);
  assert.ok(tivs[0] < 1, `the smallest deal comes first: ${tivs[0]}`);
  // Scroll to the bottom: the last rows are rendered, the DOM stays small.
  await page.$eval('.register-scroll', (s) => { s.scrollTop = s.scrollHeight; });
  await page.waitForFunction(() => document.querySelector('[data-testid="register-row"][data-pos="1444"]'));
  assert.ok(await page.locator('[data-testid="register-row"]').count() < 80);
  const last = await firstTivs(page, 1000);
  assert.deepEqual(last, [...last].sort((a, b) => a - b));
  // Every other column sorts too, with aria-sort on its header.
  for (const col of ['supplier', 'recipient', 'designation', 'category', 'order-year', 'delivered', 'years', 'status']) {
    await page.click(`[data-testid="register-sort-${col}"]`);
    const aria = await waitForAttribute(page, `th:has([data-testid="register-sort-${col}"])`, 'aria-sort', /^(ascending|descending)$/);
    assert.ok(['ascending', 'descending'].includes(aria), `${col}: ${aria}`);
  }
  const suppliers = await page.$$eval('[data-testid="register-row"] td.col-supplier', (tds) => tds.map((t) => t.textContent));
  assert.ok(suppliers.length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the search box narrows the register and says when nothing matches', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await waitForDeals(page, /^1,445 deals$/);
  await page.fill('[data-testid="register-search"]', 'yak-130');
  await waitForDeals(page, /^\d+ of 1,445 deals$/);
  const n = Number((await text(page, 'register-count')).split(' ')[0]);
  assert.ok(n >= 1 && n < 20, `${n} Yak-130 deals`);
  const designations = await page.$$eval('[data-testid="register-row"] td.col-designation', (tds) => tds.map((t) => t.textContent));
  assert.ok(designations.every((d) => /yak-130/i.test(d)), designations.join());
  await page.fill('[data-testid="register-search"]', 'russia helicopter');
  await waitForDeals(page, /^\d+ of 1,445 deals$/);
  await page.fill('[data-testid="register-search"]', 'no such thing anywhere');
  await waitForDeals(page, /^0 of 1,445 deals$/);
  assert.match(await text(page, 'register-empty'), /No deal matches “no such thing anywhere”/);
  await page.fill('[data-testid="register-search"]', '');
  await waitForDeals(page, /^1,445 deals$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a row opens its detail card; Escape closes it', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await page.fill('[data-testid="register-search"]', 'Yak-130');
  await waitForDeals(page, /^\d+ of \d+ deals?$/);
  await page.click('[data-testid="register-row"]');
  await page.waitForSelector('[data-testid="register-detail"]');
  const card = await text(page, 'register-detail');
  assert.match(card, /Yak-130/);
  assert.match(card, /Russia to Myanmar/);
  assert.match(card, /Deliveries year by year/);
  assert.ok(await page.locator('[data-testid="register-detail"] tbody tr').count() >= 1);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="register-detail"]', { state: 'detached' });
  // Keyboard: Enter on a focused row opens it too, and the close button closes it.
  await page.focus('[data-testid="register-row"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="register-detail"]');
  await page.click('[data-testid="register-detail-close"]');
  await page.waitForSelector('[data-testid="register-detail"]', { state: 'detached' });
  // Arrow keys walk the rows, past the rendered window, and Enter opens the one reached.
  await page.fill('[data-testid="register-search"]', '');
  await page.selectOption('[data-testid="filter-recipient"]', '');
  await waitForDeals(page, /^1,445 deals$/);
  await page.focus('[data-testid="register-row"][data-pos="0"]');
  for (let i = 1; i <= 40; i++) {
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((i) => document.activeElement?.dataset?.pos === String(i), i);
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="register-detail"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the passport for Mi-17 lists Myanmar, and follows the weapon-system filter', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.waitForSelector('[data-testid="passport-empty"]');
  await page.fill('[data-testid="passport-input"]', 'Mi-17');
  await page.waitForSelector('[data-testid="passport-table"]');
  const table = await text(page, 'passport-table');
  for (const r of ['Myanmar', 'Cambodia', 'Laos', 'Thailand', 'Viet Nam']) assert.match(table, new RegExp(r));
  assert.match(await text(page, 'passport-title'), /^Where the Mi-17 \(transport helicopter\) went: 5 recipients, \d{4}–\d{4}$/);
  // A weapon system chosen in the filters becomes the passport's.
  await page.fill('[data-testid="filter-system"]', 'Yak-130');
  await page.press('[data-testid="filter-system"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="passport-title"]').textContent.startsWith('Where the Yak-130'));
  assert.match(await text(page, 'passport-table'), /Myanmar/);
  // An unknown name is refused in words.
  await page.fill('[data-testid="passport-input"]', 'no such weapon');
  await page.press('[data-testid="passport-input"]', 'Enter');
  await page.waitForSelector('.passport .field-error');
  assert.deepEqual(problems, []);
  await context.close();
});
