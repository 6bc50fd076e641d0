// Bring your own SIPRI export, the hostile side and the data pin. Synthetic files made
// here (no SIPRI data needed): markup in names, binary junk, a CSV of something else, a
// 200 MB file (sparse, made in the temp folder and removed), and links made on a user's
// own export opened where that export is not loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSync, closeSync, ftruncateSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch, openApp, cspViolations, shot, BASE, waitForSearch, waitForValue, waitForCount, waitForText, afterTimers, armEvent,
  until, URL_WRITE_DELAY_MS,
} from './helpers.mjs';

const HEADER = 'SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production';
const PREAMBLE = ['Transfers of major weapons: synthetic test file, not SIPRI data', 'Data generated: 12 Feb 2026 12:26:12 PM', '', '', '', '', '', '', '', '', ''];

function perYearFile(name, rows) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from([...PREAMBLE, HEADER, ...rows].join('\r\n') + '\r\n') };
}

const RURITANIA = perYearFile('ruritania.csv', [
  '90001,Ruritania,Freedonia,XY-1,trainer aircraft,Aircraft,2015,No,6,No,2017,No,New,12,12,72,No',
  '90001,Ruritania,Freedonia,XY-1,trainer aircraft,Aircraft,2015,No,4,No,2018,No,New,12,12,48,No',
  '90002,Syldavia,Freedonia,RD-9,air search radar,Air-defence systems,2000,No,1,No,2001,No,New,2,0.8,0.8,No',
]);

let browser;
let tmp;
before(async () => {
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), 'atlas-byof-'));
});
after(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function failures(page) {
  await page.waitForSelector('[data-testid="load-failures"]');
  return page.textContent('[data-testid="load-failures"]');
}

test('a <script> name is shown as text and never runs', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.setInputFiles('[data-testid="load-file"]', [perYearFile('markup.csv', [
    '1,<script>window.__pwned=1</script>,Freedonia,<b onmouseover=window.__pwned=2>XY</b>,jet,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No',
  ])]);
  await page.waitForSelector('[data-testid="load-summary"]');
  assert.equal(await page.textContent('[data-testid="rows-used"]'), '1');
  assert.match(await page.textContent('[data-testid="unplaced"]'), /<script>window\.__pwned=1<\/script>/);
  // As text in the filters and the views too.
  const options = await page.$$eval('[data-testid="filter-supplier"] option', (os) => os.map((o) => o.textContent));
  assert.ok(options.some((o) => o.includes('<script>window.__pwned=1</script>')), options.join(' / '));
  // Checked once the pointer's move has reached the window (a mouseover handler on an
  // element under it would have run before).
  const moved = await armEvent(page, 'mousemove');
  await page.hover('body');
  await moved();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no injected script element');
  assert.equal(await page.locator('b[onmouseover]').count(), 0, 'no injected element');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await page.click('[data-testid="use-bundled"]');
  await context.close();
});

test('binary junk, a CSV of something else and a 200 MB file get clear messages; the data shown stays', async () => {
  const { page, context, problems } = await openApp(browser, { width: 375 });
  const junk = Buffer.alloc(64 * 1024);
  let x = 12345;
  for (let i = 0; i < junk.length; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; junk[i] = x >> 16; }
  await page.setInputFiles('[data-testid="load-file"]', [
    { name: 'junk.bin', mimeType: 'application/octet-stream', buffer: junk },
    { name: 'tiv-table.csv', mimeType: 'text/csv', buffer: Buffer.from('SIPRI TIV table\nRecipient,1950,1951,Total\nIndia,12,0 ,12\n') },
  ]);
  let msg = await failures(page);
  assert.match(msg, /junk\.bin: this is not a text file \(byte \d+ is a control byte\)/);
  assert.match(msg, /tiv-table\.csv: no SIPRI header found in the first 40 lines/);
  assert.match(msg, /The data shown before is still shown/);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Bundled subset/);
  // 200 MB: refused by its size before it is read. Sparse, so it costs no disk.
  const big = join(tmp, 'huge-export.csv');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 200 * 1024 * 1024);
  closeSync(fd);
  const t0 = Date.now();
  await page.setInputFiles('[data-testid="load-file"]', big);
  await page.waitForFunction(() => document.querySelector('[data-testid="load-failures"]')?.textContent.includes('huge-export.csv'));
  msg = await page.textContent('[data-testid="load-failures"]');
  console.log(`200 MB file refused in ${Date.now() - t0} ms`);
  assert.match(msg, /huge-export\.csv: this file is 200 MB; SIPRI's complete register is under 10 MB, so this is probably not a SIPRI export \(files over 64 MB are not read\)/);
  assert.equal(await page.locator('[data-testid="import-progress"]').count(), 0);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Bundled subset/);
  assert.ok(await page.isVisible('[data-testid="timeline-canvas"]'));
  await page.screenshot({ path: shot('byof-refused-375.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link made on a user\'s export says so where that export is not loaded, and loading it gives the same view', async () => {
  // 1. Make the link: load the export, filter, read the URL.
  let { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.setInputFiles('[data-testid="load-file"]', [RURITANIA]);
  await page.waitForSelector('[data-testid="load-summary"]');
  await page.selectOption('[data-testid="filter-supplier"]', 'Ruritania');
  const made = /^\?supplier=Ruritania&data=file-2025-peryear-3-[0-9a-f]{12}$/;
  const link = await waitForSearch(page, made);
  assert.match(link, made);
  assert.equal(await page.locator('[data-testid="data-badge"]').count(), 0, 'no notice on the data the link was made with');
  // The same export under another file name gives the same pin.
  await page.setInputFiles('[data-testid="load-file"]', [{ ...RURITANIA, name: 'renamed.csv' }]);
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('renamed.csv'));
  // The URL stays. The app writes it a moment after the data and filters were set
  // (which the source line above shows), from a timer: once that has run, a new pin
  // would be in it.
  await afterTimers(page, URL_WRITE_DELAY_MS);
  assert.equal(await page.evaluate(() => location.search), link);
  assert.equal(await page.inputValue('[data-testid="filter-supplier"]'), 'Ruritania', 'filters stay when data is loaded');
  assert.deepEqual(problems, []);
  await context.close();

  // 2. Open it where only the bundled data is (a fresh browser profile).
  ({ page, context, problems } = await openApp(browser, { width: 375, query: link }));
  await page.waitForSelector('[data-testid="data-badge"]');
  const text = await page.textContent('[data-testid="data-badge-text"]');
  assert.match(text, /made with a SIPRI export loaded in the browser: SIPRI's per-delivery-year export from SIPRI release 2025, 3 rows/);
  assert.match(text, /bundled with this page instead \(Deliveries to mainland Southeast Asia/);
  assert.match(await page.textContent('[data-testid="data-badge-how"]'), /download that export from SIPRI's Trade Register .* “Load a SIPRI export…”: the filters of this link stay applied/);
  assert.match(await page.textContent('[data-testid="url-issues"]'), /“Ruritania” is not in this dataset/);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Bundled subset/);
  await page.screenshot({ path: shot('byof-pin-notice-375.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: shot('byof-pin-notice-1440.png') });
  // The notice's own button opens the file picker.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="data-badge-load"]')]);
  await chooser.setFiles([RURITANIA]);
  // 3. With the export loaded: the link's view, no notice.
  await page.waitForSelector('[data-testid="load-summary"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="data-badge"]'));
  assert.equal(await waitForValue(page, '[data-testid="filter-supplier"]', 'Ruritania'), 'Ruritania');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Ruritania'));
  await page.waitForFunction((l) => location.search === l, link);
  assert.deepEqual(problems, []);

  // 4. A different export loaded: the notice says which is which.
  await page.goto(BASE + link.replace(/-3-([0-9a-f]{12})$/, '-1234-$1'));
  await page.waitForSelector('[data-testid="data-badge"]');
  assert.match(await page.textContent('[data-testid="data-badge-text"]'), /a different SIPRI export: SIPRI's per-delivery-year export from SIPRI release 2025, 1,234 rows\. The data shown now is SIPRI's per-delivery-year export from SIPRI release 2025, 3 rows/);
  await page.click('[data-testid="data-badge-dismiss"]');
  assert.equal(await waitForCount(page, '[data-testid="data-badge"]', { eq: 0 }), 0);
  await page.click('[data-testid="use-bundled"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('Bundled subset'));
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------- issue #15: loads that add nothing, races

const HEADER_ONLY = perYearFile('header-only.csv', []);
const ALL_BAD = perYearFile('all-bad.csv', [
  '90003,Ruritania,Freedonia,XY-2,jet,Spaceships,2015,No,1,No,2016,No,New,1,1,1,No',
  '90004,Ruritania,Freedonia,XY-3,jet,Spaceships,2015,No,1,No,2016,No,New,1,1,1,No',
]);

/** The data bar's "Data shown" line once it names a dataset (after a load or a reload). */
function dataSource(page, expected = /\S/) {
  return waitForText(page, '[data-testid="data-source"]', expected);
}

test('a file that adds no row changes nothing, not even after a reload; beside a good file it is named', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.setInputFiles('[data-testid="load-file"]', [RURITANIA]);
  assert.match(await dataSource(page, /ruritania\.csv/), /Your file: ruritania\.csv/);
  const title = await waitForText(page, '[data-testid="timeline-title"]', /2001–2018/);
  const yearFrom = await page.inputValue('[data-testid="filter-year-from"]');

  // A header and no row: nothing replaced, and the message says why.
  await page.setInputFiles('[data-testid="load-file"]', [HEADER_ONLY]);
  let msg = await failures(page);
  assert.match(msg, /header-only\.csv: the file has a header but no data rows, so it adds nothing\./);
  assert.match(msg, /The data shown before is still shown\./);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Your file: ruritania\.csv/);
  assert.equal(await page.textContent('[data-testid="timeline-title"]'), title);
  assert.equal(await page.inputValue('[data-testid="filter-year-from"]'), yearFrom);

  // Every row rejected: the same, with the count and the first reason.
  await page.setInputFiles('[data-testid="load-file"]', [ALL_BAD]);
  msg = await waitForText(page, '[data-testid="load-failures"]', /all-bad\.csv/);
  assert.match(msg, /all-bad\.csv: no row could be used \(rows rejected: 2; the first: line 13, column "Armament category": .*\), so it adds nothing\./);
  assert.match(msg, /The data shown before is still shown\./);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Your file: ruritania\.csv/);

  // Nothing was kept either: a reload brings back the data shown before.
  await page.reload();
  // Wait for a data set to be named (the label is empty while the kept data is read back),
  // then check which one it is.
  assert.match(await dataSource(page, /Your file|Bundled subset/), /Your file: ruritania\.csv/);
  assert.equal(await waitForText(page, '[data-testid="timeline-title"]', title), title);

  // A good file with a bad one: the good one's rows are shown, the bad one is named, and
  // nothing claims the data before is still shown.
  await page.setInputFiles('[data-testid="load-file"]', [{ ...RURITANIA, name: 'good.csv' }, HEADER_ONLY]);
  assert.match(await dataSource(page, /good\.csv/), /Your file: good\.csv \(/);
  msg = await failures(page);
  assert.match(msg, /header-only\.csv: the file has a header but no data rows, so it adds nothing\./);
  assert.match(msg, /The data now shown holds the rows of the other files only\./);
  assert.doesNotMatch(msg, /still shown/);
  assert.equal(await page.textContent('[data-testid="rows-used"]'), '3');
  assert.deepEqual(problems, []);
  await page.click('[data-testid="use-bundled"]');
  await dataSource(page, /Bundled subset/);
  await context.close();
});

/** A valid per-delivery-year export of `n` rows (made here: no SIPRI data needed). */
function bigFile(name, n) {
  const sup = ['Ruritania', 'Syldavia', 'Borduria', 'Freedonia'];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const year = 1960 + (i % 60);
    rows.push(`${100000 + i},${sup[i % 4]},Grand Fenwick,XY-${i % 97},trainer aircraft,Aircraft,${year - 1},No,1,No,${year},No,New,1,1,1,No`);
  }
  return perYearFile(name, rows);
}

test('the newest choice of files wins: an older import still running is cancelled and keeps nothing', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  const big = bigFile('big-export.csv', 200_000);
  await page.setInputFiles('[data-testid="load-file"]', [big]);
  // The large import is under way…
  await waitForText(page, '[data-testid="import-progress"]', /big-export\.csv/);
  // …when the small one is chosen.
  await page.setInputFiles('[data-testid="load-file"]', [{ ...RURITANIA, name: 'small.csv' }]);
  assert.match(await dataSource(page, /small\.csv/), /Your file: small\.csv/);
  // Wait until the large import is over, one way or the other: no progress shown, and
  // either its mark that it stopped as stale, or its file shown.
  const over = await until(page, ({ any }) => {
    const progress = !!document.querySelector('[data-testid="import-progress"]');
    const stale = performance.getEntriesByName('atlas:import:stale').length;
    const source = document.querySelector('[data-testid="data-source"]').textContent;
    const done = !progress && (stale > 0 || source.includes('big-export.csv'));
    return done || any ? { value: { progress, stale, source } } : null;
  });
  assert.equal(over.progress, false, 'no import in progress');
  assert.ok(over.stale > 0, 'the large import stopped when the small one was chosen');
  assert.match(over.source, /Your file: small\.csv/);
  assert.equal(await page.textContent('[data-testid="rows-used"]'), '3');
  // And the small one is what a reload brings back.
  await page.reload();
  assert.match(await dataSource(page, /Your file|Bundled subset/), /Your file: small\.csv/);
  assert.deepEqual(problems, []);
  await page.click('[data-testid="use-bundled"]');
  await dataSource(page, /Bundled subset/);
  await context.close();
});
