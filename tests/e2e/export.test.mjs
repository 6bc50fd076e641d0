// Downloads, end to end in headless Chromium: the deals CSV equals the register rows shown
// (in the current sort and search), the per-year CSV adds up to the timeline's total, the
// PNGs are valid, print-sized and not blank (the map's with land), the SVGs parse and carry
// the credit line, the filter and the chart's marks. The Download menu works by keyboard.
// Exports are what is on screen (issue #16): the timeline's figure carries the markers
// the page draws; the map — on the page at 1440 and 375 px, in the 320 px embed and in
// its PNG and SVG — holds Myanmar's whole outline, the Tanintharyi strip included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launch, openApp, watchedPage, cspViolations, shot, until, BASE, waitForAttribute, waitForFocus, waitForText,
} from './helpers.mjs';

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

// ------------------------------------------------------------ exports are what is on screen

/** Myanmar since the coup: the suppliers are its neighbours, the arcs short, and the fit
 *  to them alone left southern Myanmar below the map's bottom edge. */
const COUP = '?recipient=Myanmar&years=2021-2024';
/** The light palette's choropleth classes (atlas-core render/palette.rs): Myanmar is the
 *  one country shaded when it is the one recipient. */
const SHADES = [[0xf1, 0xe6, 0xc8], [0xe2, 0xcb, 0x98], [0xcd, 0xab, 0x6d], [0xad, 0x86, 0x4a], [0x7e, 0x5e, 0x30]];
const SEA = [0xf2, 0xf6, 0xf9];

/** Probe: the map canvas's size, where the app says the framed content and the legend
 *  landed (`data-content`, `data-legend`, CSS px), and the box of the pixels painted in a
 *  recipient's shade outside the legend; once the shaded land is painted. */
const mapFrameProbe = ({ shades, any }) => {
  const c = document.querySelector('[data-testid="flowmap-canvas"]');
  if (!c || !c.dataset.content || c.closest('[data-map]')?.dataset.map !== 'ready') return any ? { value: null } : null;
  const num = (v) => (v ? v.split(' ').map(Number) : null);
  const [w, h] = [c.clientWidth, c.clientHeight];
  const k = c.width / w;
  const content = num(c.dataset.content);
  const legend = num(c.dataset.legend);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const i = (y * c.width + x) * 4;
      if (!shades.some((s) => s[0] === d[i] && s[1] === d[i + 1] && s[2] === d[i + 2])) continue;
      const [cx, cy] = [x / k, y / k];
      if (legend && cx >= legend[0] && cx <= legend[2] && cy >= legend[1] && cy <= legend[3]) continue;
      n++;
      x0 = Math.min(x0, cx); y0 = Math.min(y0, cy); x1 = Math.max(x1, cx + 1 / k); y1 = Math.max(y1, cy + 1 / k);
    }
  }
  const value = { w, h, content, legend, shaded: n ? [x0, y0, x1, y1] : null, n };
  return n > 100 || any ? { value } : null;
};

/** Checks a map frame: the shaded land (Myanmar) and everything framed are inside the
 *  canvas with a margin, and the land lies within what the app says it framed. */
function assertFramed(f, what) {
  assert.ok(f && f.shaded, `${what}: Myanmar painted (${JSON.stringify(f)})`);
  const [x0, y0, x1, y1] = f.shaded;
  const m = 10;
  assert.ok(x0 >= m && y0 >= m && x1 <= f.w - m && y1 <= f.h - m, `${what}: Myanmar at ${f.shaded.map(Math.round)} in ${f.w}×${f.h}`);
  const [c0, c1, c2, c3] = f.content;
  assert.ok(c0 >= 20 && c1 >= 20 && c2 <= f.w - 20 && c3 <= f.h - 20, `${what}: framed content at ${f.content} in ${f.w}×${f.h}`);
  assert.ok(x0 >= c0 - 2 && y0 >= c1 - 2 && x1 <= c2 + 2 && y1 <= c3 + 2, `${what}: Myanmar ${f.shaded.map(Math.round)} within the framed content ${f.content}`);
  if (f.legend) {
    const [l0, l1, l2, l3] = f.legend;
    assert.ok(x1 <= l0 || x0 >= l2 || y1 <= l1 || y0 >= l3, `${what}: Myanmar clear of the legend ${f.legend}`);
  }
}

for (const width of [1440, 375]) {
  test(`the map at ${width} px holds Myanmar's whole outline, the southern tip with a margin`, async () => {
    const { page, context, problems } = await openApp(browser, { width, query: COUP });
    await page.locator('[data-testid="flowmap-canvas"]').scrollIntoViewIfNeeded();
    const f = await until(page, mapFrameProbe, { shades: SHADES });
    assertFramed(f, `page ${width} px`);
    console.log(`map ${width} px: canvas ${f.w}×${f.h}, Myanmar ${f.shaded.map(Math.round)}, content ${f.content}`);
    await page.locator('[data-testid="view-flowmap"]').screenshot({ path: shot(`export-map-myanmar-${width}.png`) });
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the 320 px map embed holds Myanmar\'s whole outline', async () => {
  const { page, context, problems } = await watchedPage(browser, { width: 320, height: 900 });
  await page.goto(`${BASE}${COUP}&view=map&embed`);
  const f = await until(page, mapFrameProbe, { shades: SHADES });
  assertFramed(f, 'embed 320 px');
  console.log(`map embed 320 px: canvas ${f.w}×${f.h}, Myanmar ${f.shaded.map(Math.round)}, content ${f.content}`);
  await page.screenshot({ path: shot('export-map-embed-320.png'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The map figure's SVG read in the page: the box of the shaded land's polygons, of the
 *  sea (the chart's area, as the globe fills it when zoomed in) and of the legend's box. */
function svgMapBoxes(page, svg) {
  return page.evaluate(({ src, shades, sea }) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    const box = (els, pts) => {
      let b = null;
      for (const el of els) {
        for (const [x, y] of pts(el)) {
          b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
        }
      }
      return b;
    };
    const polyPts = (p) => p.getAttribute('points').trim().split(/\s+/).map((xy) => xy.split(',').map(Number));
    const rectPts = (r) => {
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a)));
      return [[x, y], [x + w, y + h]];
    };
    const fill = (el) => (el.getAttribute('fill') || '').toUpperCase();
    const polys = [...doc.querySelectorAll('polygon')];
    const shadeHex = shades.map(hex);
    return {
      shaded: box(polys.filter((p) => shadeHex.includes(fill(p))), polyPts),
      sea: box(polys.filter((p) => fill(p) === hex(sea)), polyPts),
      legend: box([...doc.querySelectorAll('rect')].filter((r) => fill(r) === '#FFFFFF' && Number(r.getAttribute('opacity')) > 0.8 && Number(r.getAttribute('opacity')) < 0.9), rectPts),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent.trim()),
    };
  }, { src: svg, shades: SHADES, sea: SEA });
}

/** The map figure's PNG decoded in the page: the box of the shaded pixels outside the
 *  legend's box (`legend`, in the PNG's pixels) and of the sea's pixels. */
function pngMapBoxes(page, bytes, legend) {
  return page.evaluate(async ({ b64, shades, sea, legend: l }) => {
    const bin = atob(b64);
    const u8 = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
    const bmp = await createImageBitmap(new Blob([u8], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = bmp.width; c.height = bmp.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const grow = (b, x, y) => (b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x + 1), Math.max(b[3], y + 1)] : [x, y, x + 1, y + 1]);
    let shaded = null; let seaBox = null; let n = 0;
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        const i = (y * c.width + x) * 4;
        const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
        if (r === sea[0] && g === sea[1] && b === sea[2]) seaBox = grow(seaBox, x, y);
        if (!shades.some((s) => s[0] === r && s[1] === g && s[2] === b)) continue;
        if (l && x >= l[0] && x <= l[2] && y >= l[1] && y <= l[3]) continue;
        shaded = grow(shaded, x, y); n++;
      }
    }
    return { width: c.width, height: c.height, shaded, sea: seaBox, n };
  }, { b64: bytes.toString('base64'), shades: SHADES, sea: SEA, legend });
}

test('the map PNG and SVG for Myanmar since the coup frame its whole outline, as the page does', async () => {
  const { page, context, problems } = await openApp(browser, { query: COUP });
  await until(page, mapFrameProbe, { shades: SHADES });
  const svgD = await download(page, 'map', 'svg');
  assert.equal(svgD.suggestedFilename(), 'arms-atlas_map_to-myanmar_2021-2024.svg');
  const svg = await svgMapBoxes(page, await text(svgD));
  assert.ok(svg.shaded && svg.sea && svg.legend, JSON.stringify(svg));
  const inside = (a, b, m) => a[0] >= b[0] + m && a[1] >= b[1] + m && a[2] <= b[2] - m && a[3] <= b[3] - m;
  assert.ok(inside(svg.shaded, svg.sea, 20), `SVG: Myanmar ${svg.shaded} inside the map ${svg.sea} by 20 px`);
  for (const needle of ['Dashed part: estimated', CREDIT, 'Filter: Arms deliveries to Myanmar, 2021–2024']) {
    assert.ok(svg.texts.some((t) => t.includes(needle)), `map SVG lacks ${needle}`);
  }
  const pngD = await download(page, 'map', 'png');
  assert.equal(pngD.suggestedFilename(), 'arms-atlas_map_to-myanmar_2021-2024.png');
  const bytes = readFileSync(await pngD.path());
  const png = await pngMapBoxes(page, bytes, svg.legend.map((v) => v * 2));
  assert.equal(png.width, 2400);
  assert.ok(png.shaded && png.n > 1000, `PNG: Myanmar painted (${png.n} px)`);
  assert.ok(inside(png.shaded, png.sea, 40), `PNG: Myanmar ${png.shaded} inside the map ${png.sea} by 40 px`);
  // The PNG is the SVG's drawing at twice the size: the same frame (within 6 CSS px: the
  // southern strip's last pixels are blended with its white border, not the pure shade).
  png.shaded.forEach((v, i) => assert.ok(Math.abs(v - 2 * svg.shaded[i]) <= 12, `PNG ${png.shaded} = 2 × SVG ${svg.shaded}`));
  await pngD.saveAs(shot('export-map-myanmar-coup.png'));
  console.log(`map figure: Myanmar ${svg.shaded.map(Math.round)} in the map ${svg.sea.map(Math.round)} (SVG px); PNG ${png.shaded} in ${png.sea}`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the timeline SVG and PNG carry the marker drawn on screen, and the years selected', async () => {
  const { page, context, problems } = await openApp(browser, { query: COUP });
  // The markers the chart draws are listed under it, with their sources.
  const listed = await waitForText(page, '[data-testid="annotations"] .notes-list', /Military coup/);
  assert.match(listed, /Military coup/);
  const svgD = await download(page, 'timeline', 'svg');
  assert.equal(svgD.suggestedFilename(), 'arms-atlas_timeline_to-myanmar_2021-2024.svg');
  const svgText = await text(svgD);
  const texts = await page.evaluate((src) => [...new DOMParser().parseFromString(src, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent.trim()), svgText);
  assert.ok(texts.includes('Military coup'), `the marker's label is drawn in the SVG: ${texts.join(' | ')}`);
  const all = texts.join(' ');
  for (const needle of [
    'Markers on the chart (not SIPRI data): 1 Feb 2021 Military coup',
    'Shaded: the selected years, 2021–2024.',
    `${CREDIT}, ${SIPRI_URL}`,
    'a volume index, not dollars',
    'Filter: Arms deliveries to Myanmar, 2021–2024',
  ]) {
    assert.ok(all.includes(needle), `timeline SVG lacks ${needle}`);
  }
  // The marker's line: the one vertical line in ink (axes and grid are other greys).
  const svgLine = await page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    return [...doc.querySelectorAll('polyline')]
      .filter((p) => (p.getAttribute('stroke') || '').toUpperCase() === '#1A1A1A')
      .map((p) => p.getAttribute('points').trim().split(/\s+/).map((xy) => xy.split(',').map(Number)))
      .filter((pts) => pts.length === 2 && pts[0][0] === pts[1][0])
      .map((pts) => ({ x: pts[0][0], top: Math.min(pts[0][1], pts[1][1]), bottom: Math.max(pts[0][1], pts[1][1]) }));
  }, svgText);
  assert.equal(svgLine.length, 1, `one marker line in the SVG: ${JSON.stringify(svgLine)}`);
  const pngD = await download(page, 'timeline', 'png');
  assert.equal(pngD.suggestedFilename(), 'arms-atlas_timeline_to-myanmar_2021-2024.png');
  // The PNG draws the same line, at twice the size: the longest vertical run of ink.
  const run = await page.evaluate(async (b64) => {
    const bin = atob(b64);
    const u8 = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
    const bmp = await createImageBitmap(new Blob([u8], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = bmp.width; c.height = bmp.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let best = { x: -1, top: 0, bottom: 0, len: 0 };
    for (let x = 0; x < c.width; x++) {
      let start = -1;
      for (let y = 0; y <= c.height; y++) {
        const i = (y * c.width + x) * 4;
        const ink = y < c.height && d[i] === 0x1a && d[i + 1] === 0x1a && d[i + 2] === 0x1a;
        if (ink && start < 0) start = y;
        if (!ink && start >= 0) {
          if (y - start > best.len) best = { x, top: start, bottom: y, len: y - start };
          start = -1;
        }
      }
    }
    return best;
  }, readFileSync(await pngD.path()).toString('base64'));
  const [line] = svgLine;
  assert.ok(Math.abs(run.x - 2 * line.x) <= 2 && Math.abs(run.top - 2 * line.top) <= 4 && Math.abs(run.bottom - 2 * line.bottom) <= 4,
    `the PNG's marker line ${JSON.stringify(run)} is the SVG's ${JSON.stringify(line)} at twice the size`);
  await pngD.saveAs(shot('export-timeline-myanmar-coup.png'));
  await svgD.saveAs(shot('export-timeline-myanmar-coup.svg'));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
