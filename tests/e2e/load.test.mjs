// Bring your own SIPRI export: the real files through the real file input. These tests
// read ../shared/data/sipri (ATLAS_DATA) and skip, saying so, where it is absent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openApp, waitForInk, shot } from './helpers.mjs';

const DATA = process.env.ATLAS_DATA || '../shared/data/sipri';
const RAW = join(DATA, 'raw');
const HAVE = existsSync(RAW);
// With ARMS_ATLAS_REQUIRE_DATA=1 (CI) a missing folder fails the run instead of skipping.
if (!HAVE && process.env.ARMS_ATLAS_REQUIRE_DATA === '1') {
  throw new Error(`ARMS_ATLAS_REQUIRE_DATA=1 and SIPRI data not found at ${RAW} (set ATLAS_DATA)`);
}
const SKIP = HAVE ? false : `SIPRI data not found at ${RAW} (set ATLAS_DATA); skipped`;
const FILES = {
  y1995: 'sipri_transfers_per_delivery_year_1995-2024_generated_2026-02-12.csv',
  y1990: 'sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv',
  y1950: 'sipri_transfers_per_delivery_year_1950-1989_generated_2024-04-16.csv',
  deals: 'sipri_trade_register_deals_generated_2026-05-18.csv',
};

/** Data lines after the header line: what a plain count of the file gives. */
function plainCount(file) {
  const lines = readFileSync(join(RAW, file), 'latin1').split('\n');
  const h = lines.findIndex((l) => l.startsWith('SIPRI AT Database ID') || l.startsWith('Recipient,Supplier'));
  return lines.slice(h + 1).filter((l) => l.replace(/[\r;]/g, '').trim() !== '').length;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function load(page, files) {
  await page.setInputFiles('[data-testid="load-file"]', files.map((f) => join(RAW, f)));
  await page.waitForSelector('[data-testid="load-summary"]', { timeout: 60000 });
}

for (const [key, file] of Object.entries(FILES)) {
  test(`loads ${key} through the file input; counts equal a plain count`, { skip: SKIP }, async () => {
    const { page, context, problems } = await openApp(browser, { width: 1440 });
    await load(page, [file]);
    const read = Number((await page.textContent('[data-testid="rows-read"]')).replace(/,/g, ''));
    const used = Number((await page.textContent('[data-testid="rows-used"]')).replace(/,/g, ''));
    const rejected = Number((await page.textContent('[data-testid="rows-rejected"]')).replace(/,/g, ''));
    assert.equal(read, plainCount(file));
    assert.equal(used + rejected, read);
    assert.equal(rejected, 0, 'SIPRI\'s own files load without rejects');
    assert.match(await page.textContent('[data-testid="data-source"]'), new RegExp(`Your file: ${file.replace(/[.()]/g, '\\$&')}`));
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]').textContent.includes('million TIV'));
    assert.ok(await waitForInk(page, 'timeline-canvas', 2000) > 2000, 'the timeline paints');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** SIPRI's TIV table: name -> year -> value (or 'small' for `0 `). */
function tivTable(file) {
  const lines = readFileSync(join(RAW, file), 'latin1').split('\n');
  const h = lines.findIndex((l) => l.startsWith('Recipient,'));
  const header = lines[h].split(',');
  const out = new Map();
  for (const l of lines.slice(h + 1)) {
    const f = l.split(',');
    if (f.length < header.length) continue;
    const row = new Map();
    header.forEach((y, i) => { if (/^\d{4}$/.test(y) && f[i] !== '') row.set(Number(y), f[i] === '0 ' ? 'small' : Number(f[i])); });
    out.set(f[0], row);
  }
  return out;
}

test('both 2024-release files together: totals equal SIPRI\'s TIV tables; reload keeps them; clearing restores the bundle', { skip: SKIP }, async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  const t0 = Date.now();
  await load(page, [FILES.y1950, FILES.y1990]);
  console.log(`loaded 59,157 rows in ${Date.now() - t0} ms`);
  const table = tivTable('sipri_tiv_imports_by_recipient_1950-2024_generated_2024-10-13.csv');
  const samples = [['India', 1990], ['Myanmar', 2011], ['Viet Nam', 1978], ['Saudi Arabia', 2015], ['Egypt', 1975], ['Thailand', 2000]];
  for (const [recipient, year] of samples) {
    await page.selectOption('[data-testid="filter-recipient"]', recipient);
    if (await page.isEnabled('[data-testid="timeline-all-years"]')) await page.click('[data-testid="timeline-all-years"]');
    await page.fill('[data-testid="filter-year-from"]', String(year));
    await page.press('[data-testid="filter-year-from"]', 'Enter');
    await page.fill('[data-testid="filter-year-to"]', String(year));
    await page.press('[data-testid="filter-year-to"]', 'Enter');
    await page.waitForFunction((y) => document.querySelector('[data-testid="timeline-summary"]').textContent.includes(`in ${y} (shaded)`), year);
    const text = await page.textContent('[data-testid="timeline-summary"]');
    const shown = Number(text.match(/^([\d,.]+) million TIV/)[1].replace(/,/g, ''));
    const sipri = table.get(recipient).get(year);
    assert.ok(Math.abs(shown - sipri) <= 1, `${recipient} ${year}: shown ${shown}, SIPRI ${sipri}`);
  }
  await page.reload();
  await page.waitForSelector('[data-testid="timeline-canvas"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('Your files:'));
  await page.click('[data-testid="use-bundled"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('Bundled subset'));
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]')?.textContent.includes('Bundled subset'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('broken and hostile files get clear messages and keep the data shown', async () => {
  const { page, context, problems } = await openApp(browser, { width: 375 });
  await page.setInputFiles('[data-testid="load-file"]', [
    { name: 'picture.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]) },
    { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('name,age\nalice,3\n') },
  ]);
  await page.waitForSelector('[data-testid="load-failures"]');
  const msg = await page.textContent('[data-testid="load-failures"]');
  assert.match(msg, /picture\.png: this is not a text file/);
  assert.match(msg, /people\.csv: no SIPRI header found/);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Bundled subset/);
  // Names with markup are shown as text, never run.
  const header = 'SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production';
  const rows = [
    '1,<img src=x onerror=window.__pwned=1>,\u202eMyanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No',
    '2,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,99999,No,New,5,5,-10,No',
    '3,Russia,Myanmar,Mi-17,helicopter',
  ];
  await page.setInputFiles('[data-testid="load-file"]', [{ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) }]);
  await page.waitForSelector('[data-testid="load-summary"]');
  assert.equal(await page.textContent('[data-testid="rows-used"]'), '1');
  assert.equal(await page.textContent('[data-testid="rows-rejected"]'), '2');
  await page.click('.rejects summary');
  assert.match(await page.textContent('.rejects'), /line 3, column "Delivery year": year 99999 is outside/);
  assert.match(await page.textContent('.rejects'), /line 4, column "row": expected 17 fields, found 5/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-rejects"]')]);
  assert.match(download.suggestedFilename(), /rejected-rows\.csv$/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: shot('hostile-file-375.png'), fullPage: true });
  await page.click('[data-testid="use-bundled"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on the full register the map\'s place list stays short; the arrow keys still reach every place', { skip: SKIP }, async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await load(page, [FILES.y1995]);
  const items = '[data-testid="flowmap-places"] li[data-entity]';
  await page.waitForSelector('[data-testid="flowmap-places-more"]', { state: 'attached', timeout: 60000 });
  const listed = await page.$$eval(items, (lis) => lis.map((li) => li.getAttribute('data-entity')));
  assert.equal(listed.length, 25, 'the list names the 25 largest places');
  const more = await page.textContent('[data-testid="flowmap-places-more"]');
  const rest = Number(more.match(/^and ([\d,]+) smaller places?;/)[1].replace(/,/g, ''));
  assert.ok(rest > 50, `the world's register has many more places than the list (${more})`);
  // Listed largest first: the first arrow press lands on the first listed place, and
  // stepping back from the start lands on the smallest place, which the list leaves out.
  await page.focus('.map-frame');
  const live = '.flowmap [aria-live]';
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((s) => document.querySelector(s).textContent.includes('Press Enter'), live);
  const first = await page.textContent(live);
  assert.ok(first.startsWith(listed[0]), `${first} / ${listed[0]}`);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(([s, f]) => { const t = document.querySelector(s).textContent; return t.includes('Press Enter') && t !== f; }, [live, first]);
  const last = (await page.textContent(live)).split(',')[0];
  assert.ok(!listed.includes(last), `the smallest place (${last}) is reached by the keys, not listed`);
  assert.deepEqual(problems, []);
  await context.close();
});
