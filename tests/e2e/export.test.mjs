// Downloads, end to end in headless Chromium: the deals CSV equals the register rows shown
// (in the current sort and search), the per-year CSV adds up to the timeline's total, the
// PNGs are valid, print-sized and not blank (the map's with land), the SVGs parse and carry
// the credit line, the filter and the chart's marks. The Download menu works by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openApp, cspViolations, shot, waitForAttribute, waitForFocus, waitForText } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const CREDIT = 'Information from the SIPRI Arms Transfers Database';
const SIPRI_URL = 'https://www.sipri.org/databases/armstransfers';

/** RFC 4180 reader: returns { meta: comment lines, header, rows }. */
function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 byte-order mark');
  const s = text.slice(1);
  const meta = [];
  const records = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '#') {
      const end = s.indexOf('\r\n', i);
      meta.push(s.slice(i + 2, end < 0 ? s.length : end));
      i = end < 0 ? s.length : end + 2;
      continue;
    }
    const rec = [];
    let field = '';
    for (;;) {
      if (s[i] === '"') {
        i++;
        for (;;) {
          if (s[i] === '"' && s[i + 1] === '"') { field += '"'; i += 2; } else if (s[i] === '"') { i++; break; } else if (i >= s.length) { throw new Error('unterminated quote'); } else { field += s[i++]; }
        }
      }
      while (i < s.length && s[i] !== ',' && !(s[i] === '\r' && s[i + 1] === '\n')) field += s[i++];
      rec.push(field);
      field = '';
      if (s[i] === ',') { i++; continue; }
      i += 2;
      break;
    }
    records.push(rec);
  }
  const [header, ...rows] = records;
  for (const r of rows) assert.equal(r.length, header.length, `record width: ${r.join('|')}`);
  return { meta, header, rows };
}

/** Opens a view's Download menu and downloads one format; returns the Download. */
async function download(page, view, format) {
  await page.click(`[data-testid="download-${view}-button"]`);
  await page.waitForSelector(`[data-testid="download-${view}-${format}"]`, { state: 'visible' });
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`[data-testid="download-${view}-${format}"]`),
  ]);
  return d;
}

async function text(d) {
  return readFileSync(await d.path(), 'utf8');
}

/** The register rows rendered in the DOM: { pos, deal, cells: [[column id, text]] }. */
async function domRows(page) {
  return page.$$eval('[data-testid="register-row"]', (trs) => trs.map((tr) => ({
    pos: Number(tr.dataset.pos),
    deal: tr.dataset.deal,
    cells: [...tr.querySelectorAll('td')].map((td) => {
      let t = td.textContent.replace(/[≈~]/g, '').trim();
      if (td.classList.contains('num')) t = t.replace(/,/g, '');
      if (t === '—') t = '';
      return [td.className.match(/col-([a-z-]+)/)[1], t];
    }),
  })));
}

/** Checks every rendered register row against the CSV record at its position. */
async function compareRegister(page, csv) {
  const headers = await page.$$eval('.register-table thead th', (ths) => ths.map((th) => th.querySelector('button').firstChild.textContent));
  assert.deepEqual(csv.header.slice(3, 3 + headers.length), headers, 'the table\'s columns, in order');
  const rows = await domRows(page);
  assert.ok(rows.length > 0);
  for (const r of rows) {
    const rec = csv.rows[r.pos];
    assert.ok(rec, `a record for row ${r.pos}`);
    assert.equal(rec[0], r.deal, `deal id at ${r.pos}`);
    r.cells.forEach(([, t], k) => assert.equal(rec[3 + k].replace(/^'(?=[=+\-@\t\r])/, ''), t, `row ${r.pos}, ${headers[k]}`));
  }
  return rows.length;
}

/** Decodes a PNG in the page: size, share of inked pixels, distinct colours, land pixels. */
async function inspectPng(page, bytes) {
  return page.evaluate(async (b64) => {
    const bin = atob(b64);
    const u8 = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
    const bmp = await createImageBitmap(new Blob([u8], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = bmp.width; c.height = bmp.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let inked = 0; let land = 0; const colours = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) inked++;
      if (d[i] === 0xe6 && d[i + 1] === 0xe6 && d[i + 2] === 0xe3) land++;
      if (i % 40 === 0) colours.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
    }
    const n = d.length / 4;
    return { width: c.width, height: c.height, inked: inked / n, land: land / n, colours: colours.size };
  }, bytes.toString('base64'));
}

function pngHeader(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Parses an SVG in the page; returns its text and counts of elements. */
async function inspectSvg(page, svg) {
  return page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    const err = doc.querySelector('parsererror');
    return {
      error: err ? err.textContent : null,
      root: doc.documentElement.nodeName,
      width: doc.documentElement.getAttribute('width'),
      title: doc.querySelector('title')?.textContent,
      text: [...doc.querySelectorAll('text')].map((t) => t.textContent.trim()).join('\n'),
      rects: doc.querySelectorAll('rect').length,
      polygons: doc.querySelectorAll('polygon').length,
      scripts: doc.querySelectorAll('script').length,
    };
  }, svg);
}

const metaHas = (meta, filter) => {
  const m = meta.join('\n');
  assert.ok(m.includes(CREDIT), 'credit line');
  assert.ok(m.includes(SIPRI_URL), 'SIPRI address');
  assert.ok(m.includes('a volume index, not dollars'), 'TIV note');
  assert.ok(m.includes('Totals calculated by Arms Atlas'), 'ours, not SIPRI\'s');
  assert.ok(m.includes(`Filter: ${filter}`), `filter in words: ${m}`);
  assert.match(m, /Link: http:\/\/127\.0\.0\.1:\d+\/.*recipient=Myanmar/);
  assert.match(m, /Data: .*SIPRI 2024 release/);
  assert.match(m, /Generated: \d{4}-\d{2}-\d{2}/);
};

test('the register CSV is the rows shown, in the sort and search shown', async () => {
  const { page, context, problems } = await openApp(browser, { query: '?recipient=Myanmar' });
  await page.waitForFunction(() => document.querySelector('[data-testid="register-title"]')?.textContent.includes('to Myanmar'));
  await page.waitForSelector('[data-testid="register-row"]');
  let d = await download(page, 'register', 'csv');
  assert.equal(d.suggestedFilename(), 'arms-atlas_register_to-myanmar_1950-2024.csv');
  let csv = parseCsv(await text(d));
  metaHas(csv.meta, 'Arms deliveries to Myanmar, 1950–2024');
  const count = Number((await page.textContent('[data-testid="register-count"]')).match(/^[\d,]+/)[0].replace(/,/g, ''));
  assert.equal(csv.rows.length, count, 'as many records as deals shown');
  assert.ok(csv.rows.every((r) => r[csv.header.indexOf('Recipient')] === 'Myanmar'));
  let compared = await compareRegister(page, csv);
  // The rows at the far end of the virtual scroll match too.
  await page.$eval('.register-scroll', (el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="register-row"]')].some((r) => Number(r.dataset.pos) === n - 1), count);
  compared += await compareRegister(page, csv);

  // Another sort and a search: the CSV follows.
  await page.click('[data-testid="register-sort-tiv"]');
  await page.fill('[data-testid="register-search"]', 'helicopter');
  await page.waitForFunction(() => /of/.test(document.querySelector('[data-testid="register-count"]').textContent));
  const shown = Number((await page.textContent('[data-testid="register-count"]')).match(/^[\d,]+/)[0].replace(/,/g, ''));
  d = await download(page, 'register', 'csv');
  csv = parseCsv(await text(d));
  assert.equal(csv.rows.length, shown);
  assert.ok(shown > 0 && shown < count, `${shown} of ${count}`);
  assert.ok(csv.meta.some((m) => m === 'Sorted by TIV delivered, descending'), csv.meta.join('\n'));
  assert.ok(csv.meta.some((m) => m.includes('“helicopter”')));
  const tiv = csv.header.indexOf('TIV delivered');
  const tivs = csv.rows.map((r) => Number(r[tiv]));
  assert.ok(tivs.every((t, i) => i === 0 || tivs[i - 1] >= t), 'largest first');
  compared += await compareRegister(page, csv);
  console.log(`register CSV: ${count} deals, then ${shown} after search; ${compared} rendered rows compared cell by cell`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('timeline: per-year CSV adds up, PNG is print-sized and inked, SVG carries credit and filter', async () => {
  const { page, context, problems } = await openApp(browser, { query: '?recipient=Myanmar' });
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('to Myanmar'));
  const summary = await page.textContent('[data-testid="timeline-summary"]');
  const shownTotal = summary.match(/^([\d,.]+) million TIV/)[1];

  const csvD = await download(page, 'timeline', 'csv');
  assert.equal(csvD.suggestedFilename(), 'arms-atlas_timeline_to-myanmar_1950-2024.csv');
  const csv = parseCsv(await text(csvD));
  metaHas(csv.meta, 'Arms deliveries to Myanmar, 1950–2024');
  const legend = await page.$$eval('[data-testid="timeline-legend"] li:not(.legend-estimate)', (lis) => lis.map((l) => l.textContent.trim()));
  assert.deepEqual(csv.header.slice(1, 1 + legend.length), legend, 'one column per band, as the legend');
  assert.equal(csv.rows.length, 2024 - 1950 + 1);
  const iTotal = csv.header.indexOf('Total');
  let sum = 0;
  for (const r of csv.rows) {
    const bands = r.slice(1, iTotal).reduce((a, v) => a + Number(v), 0);
    assert.ok(Math.abs(bands - Number(r[iTotal])) < 0.005, `bands add up in ${r[0]}`);
    sum += Number(r[iTotal]);
  }
  assert.equal(Math.round(sum).toLocaleString('en-US'), shownTotal, 'the CSV total is the timeline\'s');

  const pngD = await download(page, 'timeline', 'png');
  assert.equal(pngD.suggestedFilename(), 'arms-atlas_timeline_to-myanmar_1950-2024.png');
  const png = readFileSync(await pngD.path());
  const head = pngHeader(png);
  assert.equal(head.width, 2400, 'print width');
  assert.ok(head.height > 1000 && head.height < 3000, `height ${head.height}`);
  const px = await inspectPng(page, png);
  assert.equal(px.width, 2400);
  assert.ok(px.inked > 0.05, `inked share ${px.inked}`);
  assert.ok(px.colours > 12, `${px.colours} colours`);
  await pngD.saveAs(shot('export-timeline.png'));

  const svgD = await download(page, 'timeline', 'svg');
  assert.equal(svgD.suggestedFilename(), 'arms-atlas_timeline_to-myanmar_1950-2024.svg');
  const svgText = await text(svgD);
  const svg = await inspectSvg(page, svgText);
  assert.equal(svg.error, null);
  assert.equal(svg.root, 'svg');
  assert.equal(svg.width, '1200');
  assert.equal(svg.title, await page.textContent('[data-testid="timeline-title"]'));
  for (const needle of [CREDIT, SIPRI_URL, 'a volume index, not dollars', 'Totals calculated by Arms Atlas', 'Filter: Arms deliveries to Myanmar, 1950–2024', 'China', 'Russia', 'Estimate (hatched)']) {
    assert.ok(svg.text.includes(needle), `SVG lacks ${needle}`);
  }
  assert.ok(svg.rects > 60, `${svg.rects} rects (bars)`);
  assert.equal(svg.scripts, 0);
  await svgD.saveAs(shot('export-timeline.svg'));
  console.log(`timeline: CSV total ${shownTotal} million TIV; PNG ${head.width}×${head.height}, ${(px.inked * 100).toFixed(1)} % inked, ${png.length} bytes; SVG ${svgText.length} bytes, ${svg.rects} rects`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('map and rankings: PNG with land, SVG and CSV', async () => {
  const { page, context, problems } = await openApp(browser, { query: '?recipient=Myanmar&years=1990-2024' });
  await page.waitForFunction(() => document.querySelector('[data-testid="view-flowmap"]')?.dataset.map === 'ready');
  await page.waitForFunction(() => document.querySelector('[data-testid="flowmap-title"]').textContent.includes('to Myanmar'));
  const pngD = await download(page, 'map', 'png');
  assert.equal(pngD.suggestedFilename(), 'arms-atlas_map_to-myanmar_1990-2024.png');
  // The timeline draws every year and shades the selected ones; its file is named by the
  // selection, like the other views' (it was named 1950-2024 whatever was selected).
  assert.equal((await download(page, 'timeline', 'csv')).suggestedFilename(), 'arms-atlas_timeline_to-myanmar_1990-2024.csv');
  const png = readFileSync(await pngD.path());
  const head = pngHeader(png);
  assert.equal(head.width, 2400);
  const px = await inspectPng(page, png);
  assert.ok(px.land > 0.1, `land covers ${(px.land * 100).toFixed(1)} % of the map PNG`);
  assert.ok(px.colours > 12, `${px.colours} colours`);
  await pngD.saveAs(shot('export-map.png'));
  const svg = await inspectSvg(page, await text(await download(page, 'map', 'svg')));
  assert.equal(svg.error, null);
  assert.ok(svg.polygons > 50, `${svg.polygons} polygons (land and arcs)`);
  for (const needle of [CREDIT, 'Filter: Arms deliveries to Myanmar, 1990–2024', 'Myanmar', 'China']) assert.ok(svg.text.includes(needle), `map SVG lacks ${needle}`);
  const flows = parseCsv(await text(await download(page, 'map', 'csv')));
  metaHas(flows.meta, 'Arms deliveries to Myanmar, 1990–2024');
  assert.equal(flows.header[0], 'Supplier');
  const flowSum = flows.rows.reduce((a, r) => a + Number(r[2]), 0);

  const rankD = await download(page, 'rankings', 'csv');
  assert.equal(rankD.suggestedFilename(), 'arms-atlas_rankings_to-myanmar_1990-2024.csv');
  const ranks = parseCsv(await text(rankD));
  metaHas(ranks.meta, 'Arms deliveries to Myanmar, 1990–2024');
  const sup = ranks.rows.filter((r) => r[0] === 'Top suppliers');
  const domTop = await page.$$eval('[data-testid="rank-suppliers"]', (bs) => bs.map((b) => b.dataset.label));
  assert.deepEqual(sup.slice(0, domTop.length).map((r) => r[2]), domTop, 'the same order as the page');
  const supSum = sup.reduce((a, r) => a + Number(r[3]), 0);
  assert.ok(Math.abs(supSum - flowSum) < 0.01, `suppliers ${supSum} = flows ${flowSum}`);
  const rpng = readFileSync(await (await download(page, 'rankings', 'png')).path());
  assert.equal(pngHeader(rpng).width, 2400);
  assert.ok((await inspectPng(page, rpng)).inked > 0.02);
  const rsvgText = await text(await download(page, 'rankings', 'svg'));
  const rsvg = await inspectSvg(page, rsvgText);
  assert.equal(rsvg.error, null);
  for (const needle of [CREDIT, 'Top suppliers', 'Top weapon systems', domTop[0]]) assert.ok(rsvg.text.includes(needle), `rankings SVG lacks ${needle}`);
  console.log(`map PNG ${head.width}×${head.height}, land ${(px.land * 100).toFixed(1)} %; ${flows.rows.length} flows = ${flowSum.toFixed(2)} million TIV`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const width of [375, 1440]) {
  test(`the Download menu works by keyboard and fits at ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, { width });
    const button = '[data-testid="download-timeline-button"]';
    assert.equal(await page.getAttribute(button, 'aria-haspopup'), 'menu');
    assert.equal(await page.getAttribute(button, 'aria-expanded'), 'false');
    await page.focus(button);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'download-timeline-png');
    assert.equal(await waitForAttribute(page, button, 'aria-expanded', 'true'), 'true');
    await page.keyboard.press('ArrowDown');
    assert.equal(await waitForFocus(page, 'download-timeline-svg'), 'download-timeline-svg');
    await page.keyboard.press('End');
    assert.equal(await waitForFocus(page, 'download-timeline-csv'), 'download-timeline-csv');
    await page.keyboard.press('ArrowDown');
    assert.equal(await waitForFocus(page, 'download-timeline-png'), 'download-timeline-png', 'wraps around');
    await page.keyboard.press('Escape');
    assert.equal(await waitForAttribute(page, button, 'aria-expanded', 'false'), 'false');
    assert.equal(await waitForFocus(page, 'download-timeline-button'), 'download-timeline-button', 'focus returns');
    assert.ok(await page.locator('[data-testid="download-timeline-png"]').isHidden());
    // ArrowDown on the button opens the menu; Enter on an item downloads it.
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'download-timeline-png');
    await page.keyboard.press('ArrowDown');
    const [d] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(d.suggestedFilename(), /^arms-atlas_timeline_all_1950-2024\.svg$/);
    const downloading = /Downloading arms-atlas_timeline/;
    assert.match(await waitForText(page, '[data-testid="download-timeline-status"]', downloading), downloading);
    // Every menu opens inside the viewport; a click elsewhere closes it.
    for (const view of ['map', 'timeline', 'rankings', 'register']) {
      await page.click(`[data-testid="download-${view}-button"]`);
      await waitForAttribute(page, `[data-testid="download-${view}-button"]`, 'aria-expanded', 'true');
      const box = await page.locator(`#download-${view}-menu`).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 0.5, `${view} menu at ${JSON.stringify(box)}`);
      if (view === 'timeline') await page.screenshot({ path: shot(`export-menu-${width}.png`) });
      await page.mouse.click(2, 2);
      assert.equal(await waitForAttribute(page, `[data-testid="download-${view}-button"]`, 'aria-expanded', 'false'), 'false');
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a figure exported in dark mode is printed in the light palette (it goes on white)', async () => {
  const { page, context, problems } = await openApp(browser, { query: '?theme=dark' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const svg = (await text(await download(page, 'timeline', 'svg'))).toUpperCase();
  // The first series (the largest supplier) in each palette (atlas-core render/palette.rs).
  const LIGHT_FIRST = '#0A56C8';
  const DARK_FIRST = '#2F91FC';
  assert.ok(svg.includes(LIGHT_FIRST), 'the light palette\'s first series colour is in the SVG');
  assert.ok(!svg.includes(DARK_FIRST), 'the dark palette\'s first series colour is not');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
