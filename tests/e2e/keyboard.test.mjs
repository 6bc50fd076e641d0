// Keyboard only: every step below uses `page.keyboard` and nothing else to act (the page
// is only *read* through evaluate). Tab reaches a year filter and sets it, the timeline
// and its tooltip, the map and its filter dialog, and the register's sort buttons; every
// stop on the way shows a focus ring; Escape closes what opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, cspViolations, until } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What has the focus, and whether it shows a ring (outline or inset box-shadow). */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || /inset|px/.test(cs.boxShadow) && cs.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {
    visible: box.width > 2 && box.height > 2,
    what: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`,
    ring,
    outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
  };
});

/** Presses Tab until the focused element matches `selector`; returns every stop passed. */
async function tabTo(page, selector, { max = 400, stops = [], back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f) stops.push(f);
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return stops;
  }
  throw new Error(`Tab never reached ${selector}; last stops: ${stops.slice(-8).map((s) => s.what).join(', ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`keyboard only (${scheme}): set a filter, read a tooltip, use the map dialog, sort the register`, async () => {
    const { page, context, problems } = await openApp(browser, { width: 1280, query: scheme === 'dark' ? '?theme=dark' : '' });
    await page.waitForSelector('[data-testid="register-row"]');
    const stops = [];

    // 1. A filter: the first year, typed, committed by leaving the field.
    await tabTo(page, '[data-testid="filter-year-from"]', { stops });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2000');
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
    await page.waitForFunction(() => /years=2000-2024/.test(location.search));
    await page.waitForFunction(() => /2000–2024/.test(document.querySelector('[data-testid="rankings-title"]').textContent));

    // 2. The timeline: focus it, step to a year, read the tooltip, Escape hides it.
    await tabTo(page, '[data-testid="timeline-canvas"]', { stops });
    await page.keyboard.press('End');
    const tip = await page.waitForSelector('[data-testid="timeline-tooltip"]');
    const tipText = await tip.textContent();
    assert.match(tipText, /2024 · [\d,.]+ TIV/, tipText);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => /^2023/.test(document.querySelector('[data-testid="timeline-tooltip"]')?.textContent || ''));
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="timeline-tooltip"]', { state: 'detached' });

    // 3. The map: move to a place, open its filter dialog (focus goes into it), Escape
    //    closes it and gives the focus back to the map.
    // The map comes before the timeline: Shift+Tab back to it.
    await tabTo(page, '.map-frame', { stops, back: true, max: 60 });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="flowmap-menu"]');
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="flowmap-menu"]'));
    stops.push(await focused(page));
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="flowmap-menu"]', { state: 'detached' });
    assert.ok(await page.evaluate(() => document.activeElement?.matches('.map-frame')), 'focus back on the map');

    // 4. The register: its TIV sort button, twice.
    await tabTo(page, '[data-testid="register-sort-tiv"]', { stops });
    const sortOf = () => page.evaluate(() => document.querySelector('[data-testid="register-sort-tiv"]').closest('th').getAttribute('aria-sort'));
    const before = await sortOf();
    await page.keyboard.press('Enter');
    await page.waitForFunction((b) => document.querySelector('[data-testid="register-sort-tiv"]').closest('th').getAttribute('aria-sort') !== b, before);
    const first = await sortOf();
    assert.match(first, /^(ascending|descending)$/);
    await page.keyboard.press('Space');
    await page.waitForFunction((b) => document.querySelector('[data-testid="register-sort-tiv"]').closest('th').getAttribute('aria-sort') !== b, first);
    assert.notEqual(await sortOf(), first);
    // The sorted rows really are in order of TIV.
    const tivs = await page.evaluate(() => [...document.querySelectorAll('[data-testid="register-row"] td.col-tiv')].slice(0, 8)
      .map((td) => Number(td.textContent.replace(/[^0-9.]/g, ''))).filter((v) => !Number.isNaN(v)));
    const sorted = [...tivs].sort((a, b) => (first === 'descending' ? a - b : b - a));
    assert.deepEqual(tivs, sorted, `rows after the second sort: ${tivs}`);

    // 5. The table is one Tab stop, not one per row: Tab enters it on one row, the arrow
    // keys, Page Down and End move between rows, and the next Tab leaves the table.
    // The rows that are Tab stops, once they are `want` (the focus moves to a row not
    // rendered yet on the frame after it scrolls there).
    const tabbable = (want) => until(page, ({ want, any }) => {
      const v = [...document.querySelectorAll('[data-testid="register-row"]')]
        .filter((r) => r.tabIndex === 0).map((r) => Number(r.dataset.pos));
      return JSON.stringify(v) === JSON.stringify(want) || any ? { value: v } : null;
    }, { want });
    assert.deepEqual(await tabbable([0]), [0], 'only the first row is a Tab stop');
    await tabTo(page, '[data-testid="register-row"]', { stops, max: 10 });
    // The focused row's position, once it is at least `min` and at most `max`.
    const pos = (min, max = min) => until(page, ({ min, max, any }) => {
      const p = Number(document.activeElement?.dataset?.pos);
      return (p >= min && p <= max) || any ? { value: p } : null;
    }, { min, max });
    assert.equal(await pos(0), 0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await pos(2), 2);
    await page.keyboard.press('ArrowUp');
    assert.equal(await pos(1), 1);
    await page.keyboard.press('PageDown');
    const paged = await pos(4, Infinity);
    assert.ok(paged > 3, `Page Down moved a screen (to ${paged})`);
    const total = await page.evaluate(() => Number(document.querySelector('[data-testid="register-table"]').getAttribute('aria-rowcount')) - 1);
    await page.keyboard.press('End');
    await page.waitForFunction((n) => Number(document.activeElement?.dataset?.pos) === n - 1, total);
    assert.deepEqual(await tabbable([total - 1]), [total - 1], 'the Tab stop follows the focus');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => Number(document.activeElement?.dataset?.pos) === 0);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid === 'register-row'), false, 'Tab leaves the table');

    // Every stop on the way showed a focus ring.
    const unringed = stops.filter((s) => s && !(s.ring && s.visible));
    assert.deepEqual(unringed, [], `stops without a visible focus ring:\n${unringed.map((s) => `${s.what} (${s.outline})`).join('\n')}`);
    console.log(`keyboard (${scheme}): ${stops.length} focus stops, all with a visible ring`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
