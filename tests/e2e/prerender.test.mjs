// The first screen before the wasm runs: `cargo xtask dist` draws the default view's map
// and timeline into index.html with the app's own plotters code (xtask/src/prerender.rs);
// assets/pre.js shows them only to a reader who will see that view; the app takes over
// once its own charts have painted, and nothing on the page moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, watchedPage, cspViolations, shot, until } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Holds the wasm back until `release()` is called, so the page is seen before the app runs. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  return release;
}

/** Layout shifts without recent input, summed (what CLS sums, in one window here). */
async function layoutShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) {
          window.__shifts.push({ value: e.value, nodes: (e.sources || []).map((s) => s.node?.className || s.node?.nodeName || '?') });
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

// 800 px: a narrow tablet, where the filters sit behind their button as on a phone (the
// prerender reserves that one line; with the panel open the live map and timeline landed
// lower than their images: the timeline 310 px), and the map only is prerendered.
for (const [width, height] of [[375, 800], [800, 1000], [1440, 900]]) {
  test(`prerendered default view at ${width}px: shown before the wasm runs, the app takes over and nothing moves`, { timeout: 90_000 }, async () => {
    const { page, context, problems } = await watchedPage(browser, { width, height, locale: 'en-GB' });
    try {
      await layoutShifts(page);
      const release = await holdWasm(page);
      await page.goto(BASE, { waitUntil: 'domcontentloaded' });
      // Without the wasm: the prerender is shown, its two charts are drawn and sized.
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('pre')), true, 'pre.js marked this reader');
      const pre = await page.evaluate(() => {
        const p = document.getElementById('prerender');
        // The charts shown (a phone's first screen has the map; its timeline is further down).
        const charts = [...p.querySelectorAll('.pre-chart')].flatMap((c) => {
          const svg = [...c.querySelectorAll('svg')].find((s) => s.getBoundingClientRect().width > 0);
          if (!svg) return [];
          const r = svg.getBoundingClientRect();
          return [{
            view: c.closest('.view').classList.contains('flowmap') ? 'flowmap' : 'timeline',
            label: c.getAttribute('aria-label'), x: r.left, y: r.top + scrollY, w: r.width, h: r.height,
            shapes: svg.querySelectorAll('path,polygon,polyline,rect,circle,line').length,
          }];
        });
        return { visible: getComputedStyle(p).display !== 'none', titles: [...p.querySelectorAll('h2')].map((h) => h.textContent), charts, credit: p.querySelector('.credit')?.textContent ?? '' };
      });
      await page.screenshot({ path: shot(`prerender-${width}.png`) });
      assert.ok(pre.visible, 'the prerender is displayed');
      // Below 1200 px the timeline is under the map's key and notes, off the first screen.
      assert.deepEqual(pre.charts.map((c) => c.view), width < 1200 ? ['flowmap'] : ['flowmap', 'timeline'], 'map (and timeline)');
      for (const c of pre.charts) {
        assert.ok(c.w >= Math.min(300, width - 40) && c.h >= 150, `a chart fills its column: ${JSON.stringify(c)}`);
        assert.ok(c.shapes > 20, `a chart is drawn: ${JSON.stringify(c)}`);
        assert.ok(c.label.length > 40, `a chart has its text alternative: ${c.label}`);
      }
      assert.match(pre.credit, /Information from the SIPRI Arms Transfers Database/);
      // No app yet: the wasm is held.
      assert.equal(await page.evaluate(() => document.querySelector('body > .atlas') === null), true);

      release();
      // The app paints its charts and removes the prerender.
      await page.waitForFunction(() => !document.getElementById('prerender') && !document.documentElement.classList.contains('pre'), null, { timeout: 60_000 });
      // Each chart sat where the app's canvas now is, as large (to the pixel).
      const canvases = await page.evaluate(() => Object.fromEntries(['flowmap', 'timeline'].map((v) => {
        const r = document.querySelector(`[data-testid="${v}-canvas"]`).getBoundingClientRect();
        return [v, { x: r.left, y: r.top + scrollY, w: r.width, h: r.height }];
      })));
      for (const c of pre.charts) {
        const a = canvases[c.view];
        const off = Math.max(...['x', 'y', 'w', 'h'].map((k) => Math.abs(a[k] - c[k])));
        console.log(`${width}px ${c.view}: prerender ${[c.x, c.y, c.w, c.h].map(Math.round)}, canvas ${[a.x, a.y, a.w, a.h].map(Math.round)}`);
        assert.ok(off <= 1, `the prerendered ${c.view} is ${off.toFixed(1)}px off its canvas: ${JSON.stringify({ pre: c, app: a })}`);
      }
      const app = await page.evaluate(() => ({
        map: document.querySelector('[data-testid="flowmap-canvas"]')?.hasAttribute('data-painted'),
        timeline: document.querySelector('[data-testid="timeline-canvas"]')?.hasAttribute('data-painted'),
        titles: [document.querySelector('.flowmap h2')?.textContent, document.querySelector('[data-testid="timeline-title"]')?.textContent],
        visibility: getComputedStyle(document.querySelector('body > .atlas')).visibility,
      }));
      assert.ok(app.map && app.timeline, `both canvases painted before the hand-over: ${JSON.stringify(app)}`);
      assert.equal(app.visibility, 'visible');
      // The prerender showed the very view the app shows.
      assert.deepEqual(app.titles, pre.titles);
      const shifts = await page.evaluate(() => window.__shifts);
      const cls = shifts.reduce((a, s) => a + s.value, 0);
      console.log(`${width}px: layout shift sum ${cls.toFixed(4)} over ${shifts.length} shifts ${JSON.stringify(shifts).slice(0, 300)}`);
      assert.ok(cls <= 0.02, `layout shift ${cls.toFixed(4)} > 0.02: ${JSON.stringify(shifts)}`);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('a link with parameters, another language or the dark theme never sees the default view prerendered', { timeout: 90_000 }, async () => {
  const cases = [
    { query: '?recipient=Myanmar', locale: 'en-GB' },
    { query: '', locale: 'fr-FR' },
    { query: '', locale: 'en-GB', dark: true },
  ];
  for (const c of cases) {
    const { page, context, problems } = await watchedPage(browser, { width: 1440, height: 900, locale: c.locale });
    try {
      if (c.dark) await page.emulateMedia({ colorScheme: 'dark' });
      const release = await holdWasm(page);
      await page.goto(BASE + c.query, { waitUntil: 'domcontentloaded' });
      const seen = await page.evaluate(() => ({
        pre: document.documentElement.classList.contains('pre'),
        display: getComputedStyle(document.getElementById('prerender')).display,
      }));
      assert.deepEqual(seen, { pre: false, display: 'none' }, JSON.stringify(c));
      release();
      const painted = await until(page, ({ any }) => {
        const ok = document.querySelector('[data-testid="timeline-canvas"][data-painted]') !== null;
        return ok || any ? { value: ok } : null;
      });
      assert.equal(painted, true, `the app runs as before: ${JSON.stringify(c)}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
