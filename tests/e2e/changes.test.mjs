// What changed between SIPRI's 2024 and 2025 releases (issue #17): a link pinned to the
// 2024 release opens with a banner whose numbers, and the changes view's top rows, equal
// the native computation (tests/e2e/fixtures/changes-expected.json, written and checked
// by the native test `the_e2e_fixture_is_the_native_computation` in
// crates/atlas-core/tests/changes.rs, from the committed bundle); the view opens its
// deals, downloads as CSV, works with the keyboard and at 375 px, and axe finds nothing.
// A reader's two exports of different releases are compared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, openApp, shot, waitForText, waitForFocus, waitForAttribute, waitForCanvasHash,
  canvasHash, bringIntoView, waitForCount, until,
} from './helpers.mjs';
import { checkAxe } from './axe.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXPECTED = JSON.parse(fs.readFileSync(path.join(HERE, 'fixtures/changes-expected.json'), 'utf8'));
const DATA = process.env.ATLAS_DATA || '../shared/data/sipri';
const RAW = path.join(DATA, 'raw');
const HAVE = fs.existsSync(RAW);
// With ARMS_ATLAS_REQUIRE_DATA=1 (CI) a missing folder fails the run instead of skipping.
if (!HAVE && process.env.ARMS_ATLAS_REQUIRE_DATA === '1') {
  throw new Error(`ARMS_ATLAS_REQUIRE_DATA=1 and SIPRI data not found at ${RAW} (set ATLAS_DATA)`);
}
const SKIP = HAVE ? false : `SIPRI data not found at ${RAW} (set ATLAS_DATA); skipped`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const pinned = (c) => `?${c.query ? `${c.query}&` : ''}data=${EXPECTED.pin}`;
const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

/** The cells of the first row of a changes table. */
async function firstRow(page, table) {
  return page.$$eval(`[data-testid="${table}"] tbody tr:first-child > *`, (cells) =>
    cells.slice(0, 4).map((c) => c.textContent.trim()));
}

test('a link made with the 2024 release says how its totals changed in the 2025 release', async () => {
  for (const c of EXPECTED.cases) {
    const { page, context, problems } = await openApp(browser, { query: pinned(c) });
    await page.waitForSelector('[data-testid="release-banner"]');
    const banner = await waitForText(page, '[data-testid="release-banner-text"]', c.banner);
    assert.equal(banner, c.banner, `banner of ${pinned(c)}`);
    // Its numbers, read back from the sentence, are the native ones.
    assert.ok(banner.includes(`${c.diff} million TIV (${c.then} → ${c.now}`), banner);
    // The generic "other data" notice is not shown beside it.
    assert.equal(await page.locator('[data-testid="data-badge"]').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

for (const width of [1440, 375]) {
  test(`one click opens the changes view, whose top rows are the native ones (${width} px)`, async () => {
    const c = EXPECTED.cases[1];
    const { page, context, problems } = await openApp(browser, { width, height: 900, query: pinned(c) });
    await page.waitForSelector('[data-testid="release-banner-open"]');
    await checkAxe(page, `release banner ${width}`);
    await page.screenshot({ path: shot(`changes-banner-${width}.png`) });
    await page.click('[data-testid="release-banner-open"]');
    await waitForFocus(page, 'changes-title');
    await bringIntoView(page, 'view-changes');
    await waitForText(page, '[data-testid="changes-summary"]', /1995–2023/);
    assert.match(await text(page, 'changes-title'), /from SIPRI's 2024 release to its 2025 release/);
    assert.deepEqual(await firstRow(page, 'changes-pairs'), c.top_pair);
    assert.deepEqual(await firstRow(page, 'changes-years'), c.top_year);
    const summary = await text(page, 'changes-summary');
    assert.ok(summary.includes(c.then) && summary.includes(c.now) && summary.includes(c.diff), summary);
    // The top pair opens to its deals, with the fields that changed.
    const open = page.locator('[data-testid="changes-pair-open"]').first();
    await open.click();
    await waitForAttribute(page, '[data-testid="changes-pair-open"]', 'aria-expanded', 'true');
    await waitForCount(page, '[data-testid="changes-deal"]', { min: 1 });
    const deals = await text(page, 'changes-deal-list');
    assert.match(deals, /Removed Piranha-3, SIPRI deal 62653, ordered 2019/);
    assert.match(deals, /designation: PC-9 - → T-6 Texan-2 -/);
    assert.match(deals, /TIV per unit: 1\.65 → 2/);
    await checkAxe(page, `changes view ${width}`);
    const view = page.locator('[data-testid="view-changes"]');
    await view.screenshot({ path: shot(`changes-${width}.png`) });
    // Nothing sticks out of the page at this width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the changes view works from the keyboard and downloads as CSV with both releases', async () => {
  const c = EXPECTED.cases[0];
  const { page, context, problems } = await openApp(browser, { query: pinned(c) });
  await page.waitForSelector('[data-testid="release-banner-open"]');
  await page.focus('[data-testid="release-banner-open"]');
  await page.keyboard.press('Enter');
  await waitForFocus(page, 'changes-title');
  await bringIntoView(page, 'view-changes');
  assert.deepEqual(await firstRow(page, 'changes-pairs'), c.top_pair);
  // Tab reaches the download button and the pair's Deals button; Enter opens the deals.
  await page.focus('[data-testid="changes-pair-open"]');
  await page.keyboard.press('Enter');
  await waitForAttribute(page, '[data-testid="changes-pair-open"]', 'aria-expanded', 'true');
  const deals = await text(page, 'changes-deal-list');
  assert.match(deals, /Added Mi-17, SIPRI deal 68463, ordered 2005: 0 → 50\.75 \(\+50\.75\)\. 7 delivered in 2005, 2006/);
  assert.match(deals, /designation: RD-33 \(6200\) → RD-33 \(8900\)/);
  await page.click('[data-testid="download-changes-button"]');
  await page.waitForSelector('[data-testid="download-changes-csv"]', { state: 'visible' });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-changes-csv"]')]);
  assert.match(dl.suggestedFilename(), /^arms-atlas_changes_.*1995-2023\.csv$/);
  const csv = fs.readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /^\uFEFF# Arms Atlas export: What changed from SIPRI's 2024 release to its 2025 release/);
  assert.match(csv, /# Information from the SIPRI Arms Transfers Database, https:\/\/www\.sipri\.org\/databases\/armstransfers/);
  assert.match(csv, /"TIV, 2024 release","TIV, 2025 release",difference\r\n/);
  const total = csv.split('\r\n').find((l) => l.startsWith('total,'));
  assert.ok(total.endsWith(`,${c.then.replace(',', '')},${c.now.replace(',', '')},${c.diff.replace('+', '')}`), total);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the timeline overlays the 2024 release as a thin line', async () => {
  const { page, context, problems } = await openApp(browser, { query: '?recipient=Thailand' });
  await page.waitForSelector('[data-testid="timeline-overlay"]');
  const before = await canvasHash(page, 'timeline-canvas');
  await page.click('[data-testid="timeline-overlay"]');
  await waitForAttribute(page, '[data-testid="timeline-overlay"]', 'aria-pressed', 'true');
  await waitForText(page, '[data-testid="timeline-overlay-note"]', "Thin line: totals in SIPRI's 2024 release, 1995–2023.");
  await waitForCanvasHash(page, 'timeline-canvas', { not: before });
  await page.locator('[data-testid="view-timeline"]').screenshot({ path: shot('changes-overlay-1440.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a reader's exports of two releases are compared, and the reader can say which is newer", { skip: SKIP }, async () => {
  const raw = RAW;
  const files = [
    'sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv',
    'sipri_transfers_per_delivery_year_1995-2024_generated_2026-02-12.csv',
  ].map((n) => path.join(raw, n));
  const { page, context, problems } = await openApp(browser, { query: '?supplier=Russia&recipient=Myanmar' });
  await page.setInputFiles('[data-testid="load-file"]', files);
  await page.waitForSelector('[data-testid="releases-compared"]', { timeout: 60_000 });
  assert.match(await text(page, 'releases-compared'), /Shown: the 2025 release/);
  await bringIntoView(page, 'view-changes');
  // The region's Russia→Myanmar is every Russia→Myanmar deal: the same numbers.
  const c = EXPECTED.cases[0];
  await waitForText(page, '[data-testid="changes-pair-name"]', c.top_pair[0]);
  assert.deepEqual(await firstRow(page, 'changes-pairs'), c.top_pair);
  // The link's pin of the data as first compared (the URL is written a moment later).
  const pinBefore = await until(page, ({ any }) => {
    const d = new URLSearchParams(location.search).get('data');
    return (d && d.startsWith('file')) || any ? { value: d } : null;
  });
  await page.click('[data-testid="releases-swap"]');
  await waitForText(page, '[data-testid="releases-compared"]', /Shown: the 2024 release/);
  await waitForText(page, '[data-testid="changes-title"]', /from SIPRI's 2025 release to its 2024 release/);
  const swapped = await firstRow(page, 'changes-pairs');
  assert.deepEqual(swapped, [c.top_pair[0], c.top_pair[2], c.top_pair[1], c.top_pair[3].replace('+', '−')]);
  // A link made now pins the swapped data: opened elsewhere (a fresh browser, nothing
  // kept), loading the same two exports shows the 2024 release again.
  const link = await until(page, ({ before, any }) => {
    const d = new URLSearchParams(location.search).get('data');
    return (d && d !== before) || any ? { value: location.search } : null;
  }, { before: pinBefore });
  assert.notEqual(new URLSearchParams(link).get('data'), pinBefore, 'the swapped data has its own pin');
  {
    const other = await openApp(browser, { query: link });
    await other.page.setInputFiles('[data-testid="load-file"]', files);
    await waitForText(other.page, '[data-testid="releases-compared"]', /Shown: the 2024 release/, { timeout: 60_000 });
    assert.match(await text(other.page, 'releases-compared'), /Shown: the 2024 release/, `the link ${link} reproduces the reader's choice`);
    assert.deepEqual(other.problems, []);
    await other.context.close();
  }
  // The choice is kept with the data: after a reload the 2024 release is still the one
  // shown, and the reader can still change their mind.
  await page.reload();
  await waitForText(page, '[data-testid="releases-compared"]', /Shown: the 2024 release/);
  assert.match(await text(page, 'releases-compared'), /Shown: the 2024 release/);
  await bringIntoView(page, 'view-changes');
  await waitForText(page, '[data-testid="changes-title"]', /from SIPRI's 2025 release to its 2024 release/);
  assert.deepEqual(await firstRow(page, 'changes-pairs'), swapped);
  await page.waitForSelector('[data-testid="releases-swap"]');
  await page.click('[data-testid="releases-swap"]');
  await waitForText(page, '[data-testid="releases-compared"]', /Shown: the 2025 release/);
  await page.reload();
  await waitForText(page, '[data-testid="releases-compared"]', /Shown: the 2025 release/);
  assert.match(await text(page, 'releases-compared'), /Shown: the 2025 release/);
  assert.deepEqual(problems, []);
  await context.close();
});
