// Compact embeds (issue #16): for every view at article-column widths, the embed is at
// most its chart's height plus 200 px (title, one-line subtitle, legend, source line,
// "Notes and method" and "Explore"); it has one title; a custom `title=` replaces the
// automatic heading, which becomes the subtitle; SIPRI's credit line is visible and the
// TIV explanation reachable. The embed dialog picks the view and the width, and its live
// preview loads exactly the address in the code.
//
// "Chart" is the view's main box: the canvas of the timeline and of the map, the lists of
// the rankings, the deal cards of the register, the table of the passport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, watchedPage, cspViolations, shot, BASE, until, waitForValue, waitForAttribute, nextFrames,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Each view: its `view=` link, the box that is its chart, and what shows it is drawn. */
const VIEWS = {
  map: { query: '?recipient=Myanmar&view=map&embed', chart: '[data-testid="flowmap-canvas"]', ready: '[data-testid="view-flowmap"][data-map="ready"]' },
  timeline: { query: '?recipient=Myanmar&view=timeline&embed', chart: '[data-testid="timeline-canvas"]', ready: '[data-testid="timeline-legend"] li' },
  rankings: { query: '?recipient=Myanmar&view=rankings&embed', chart: '.rank-lists', ready: '[data-testid="rank-suppliers"]' },
  register: { query: '?recipient=Myanmar&view=register&embed', chart: '[data-testid="embed-deals"]', ready: '[data-testid="embed-deal"]' },
  passport: { query: '?recipient=Myanmar&system=Mi-17&view=passport&embed', chart: '.passport-box', ready: '[data-testid="passport-table"] tbody tr' },
};

/** Opens an embed at `width` and waits until its view is drawn and the page has laid
 *  out (the first chart marked for canvases, the fonts loaded, two frames after). */
async function openEmbed(view, width, extra = '') {
  const { page, context, problems } = await watchedPage(browser, { width, height: 900 });
  await page.goto(BASE + VIEWS[view].query + extra);
  await page.waitForSelector(VIEWS[view].ready);
  if (view === 'timeline' || view === 'map') {
    await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0 || document.querySelector('[data-map="ready"]'));
  }
  await page.evaluate(() => document.fonts.ready.then(() => true));
  await nextFrames(page, 2);
  return { page, context, problems };
}

/** The document's height (what the embed reports to its host) and the chart's box. */
function measure(page, chartSelector) {
  return page.evaluate((sel) => {
    const doc = Math.ceil(document.documentElement.getBoundingClientRect().height);
    const c = document.querySelector(sel).getBoundingClientRect();
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    };
    const credit = document.querySelector('[data-testid="credit"]');
    const cr = credit.getBoundingClientRect();
    return {
      doc,
      chart: { width: Math.round(c.width), height: Math.round(c.height) },
      h1: document.querySelectorAll('h1').length,
      titles: [...document.querySelectorAll('h1, h2')].filter(visible).map((h) => h.textContent),
      credit: { text: credit.textContent, visible: visible(credit) && cr.bottom <= doc, top: Math.round(cr.top) },
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  }, chartSelector);
}

const CREDIT = /^Information from the SIPRI Arms Transfers Database, https:\/\/www\.sipri\.org\/databases\/armstransfers/;

for (const view of Object.keys(VIEWS)) {
  for (const width of [320, 375, 700]) {
    test(`the ${view} embed at ${width} px is at most its chart + 200 px, with one title and the credit`, async () => {
      const { page, context, problems } = await openEmbed(view, width);
      const m = await measure(page, VIEWS[view].chart);
      console.log(`embed ${view} ${width}px: document ${m.doc}px, chart ${m.chart.width}×${m.chart.height}px, around it ${m.doc - m.chart.height}px`);
      assert.ok(m.chart.height > 100, `the chart is ${m.chart.height}px tall`);
      assert.ok(m.doc <= m.chart.height + 200, `${view} at ${width}px: ${m.doc}px > chart ${m.chart.height}px + 200`);
      assert.equal(m.h1, 1);
      assert.equal(m.titles.length, 1, `visible titles: ${JSON.stringify(m.titles)}`);
      assert.equal(m.titles[0], await page.textContent('[data-testid="embed-title"]'));
      assert.match(m.credit.text, CREDIT);
      assert.ok(m.credit.visible, 'the credit line is visible');
      assert.ok(m.overflow <= 0, `${m.overflow}px of sideways scroll`);
      // TIV is explained behind the disclosure: closed, it is one line; open, it says so.
      await page.click('[data-testid="embed-details"] summary');
      await page.waitForSelector('[data-testid="embed-tiv-note"]', { state: 'visible' });
      assert.match(await page.textContent('[data-testid="embed-tiv-note"]'), /volume index, not dollars/);
      if (width !== 375) {
        await page.click('[data-testid="embed-details"] summary');
        await page.waitForSelector('[data-testid="embed-tiv-note"]', { state: 'hidden' });
        await page.screenshot({ path: shot(`embed-${view}-${width}.png`), fullPage: true });
      }
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('a custom title replaces the automatic heading, which becomes the subtitle', async () => {
  for (const width of [320, 700]) {
    const { page, context, problems } = await openEmbed('timeline', width, '&title=Who+arms+Myanmar%3F');
    const m = await measure(page, VIEWS.timeline.chart);
    console.log(`embed timeline with title= ${width}px: document ${m.doc}px, chart ${m.chart.height}px`);
    assert.deepEqual(m.titles, ['Who arms Myanmar?']);
    assert.equal(await page.textContent('[data-testid="embed-title"]'), 'Who arms Myanmar?');
    assert.equal(await page.textContent('[data-testid="embed-subtitle"]'), 'Arms deliveries to Myanmar, 1950–2024 · Million TIV per year, by supplier');
    assert.ok(m.doc <= m.chart.height + 200, `${m.doc}px > chart ${m.chart.height}px + 200`);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Without title=, the automatic heading is the title and the subtitle says what and the unit.
  const { page, context } = await openEmbed('timeline', 375);
  assert.equal(await page.textContent('[data-testid="embed-title"]'), 'Arms deliveries to Myanmar, 1950–2024');
  assert.equal(await page.textContent('[data-testid="embed-subtitle"]'), 'Million TIV per year, by supplier');
  await context.close();
});

/** The `src` of the code's iframe, attribute escapes undone. */
function codeSrc(code) {
  const m = code.match(/^<iframe src="([^"]+)"/);
  return m && m[1].replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

test('the embed dialog picks the view and the width, and previews exactly the code', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, query: '?recipient=Myanmar' });
  await page.click('[data-testid="embed-open"]');
  await page.waitForSelector('[data-testid="embed-dialog"][open]');
  // Opened on the timeline and the article's column.
  assert.equal(await page.isChecked('[data-testid="embed-view-timeline"]'), true);
  assert.equal(await page.isChecked('[data-testid="embed-size-column"]'), true);
  const steps = [
    { view: 'map', size: '375', shows: '[data-testid="view-flowmap"]' },
    { view: 'register', size: '700', shows: '[data-testid="embed-deal"]' },
    { view: 'rankings', size: '320', shows: '[data-testid="rank-suppliers"]' },
    { view: 'passport', size: 'column', shows: '[data-testid="view-passport"]' },
    { view: 'timeline', size: '700', shows: '[data-testid="timeline-canvas"]' },
  ];
  for (const { view, size, shows } of steps) {
    await page.check(`[data-testid="embed-view-${view}"]`);
    await page.check(`[data-testid="embed-size-${size}"]`);
    const width = size === 'column' ? '100%' : size;
    const code = await waitForValue(page, '[data-testid="embed-code"]', new RegExp(`view=${view}&amp;embed.* width="${width}"`));
    assert.match(code, new RegExp(`view=${view}&amp;embed`));
    assert.match(code, new RegExp(` width="${width}" `));
    // The preview loads the very address of the code, at the width chosen.
    const src = codeSrc(code);
    assert.equal(await waitForAttribute(page, '[data-testid="embed-preview"]', 'src', src), src);
    assert.equal(await page.getAttribute('[data-testid="embed-preview"]', 'width'), width);
    const box = await page.locator('[data-testid="embed-preview"]').boundingBox();
    if (size !== 'column') assert.equal(Math.round(box.width), Number(size));
    const frame = await (await page.$('[data-testid="embed-preview"]')).contentFrame();
    await frame.waitForSelector(shows);
    assert.equal(frame.url(), src);
    // … and is as tall as the graphic says it is (the message the host script uses).
    await waitForAttribute(page, '[data-testid="embed-preview"]', 'data-state', 'sized');
    const sized = await until(frame, ({ any }) => {
      const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
      return any || Math.abs(h - window.innerHeight) <= 2 ? { value: [h, window.innerHeight] } : null;
    });
    assert.ok(Math.abs(sized[0] - sized[1]) <= 2, `preview ${sized[1]}px vs graphic ${sized[0]}px`);
    console.log(`preview ${view} at ${size}: ${Math.round(box.width)}×${sized[1]}px, ${src}`);
    if (view === 'map') await page.screenshot({ path: shot('embed-dialog-1440.png') });
  }
  // A title typed reaches the code and, once typing pauses, the preview.
  await page.fill('[data-testid="embed-title-input"]', 'Who arms Myanmar');
  const code = await waitForValue(page, '[data-testid="embed-code"]', /&amp;title=Who\+arms\+Myanmar/);
  const src = codeSrc(code);
  assert.equal(await waitForAttribute(page, '[data-testid="embed-preview"]', 'src', src), src);
  const frame = await (await page.$('[data-testid="embed-preview"]')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('[data-testid="embed-title"]')?.textContent === 'Who arms Myanmar');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="embed-dialog"]:not([open])', { state: 'attached' });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
