// The page for readers first (issue #16): the register reads on a phone (each deal a card
// with its number, years and TIV, no sideways scroll, a box as tall as its deals), the
// map and the timeline share the first screen at 1440×900, and the phone page is short.
// End to end in headless Chromium against the release dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, watchedPage, cspViolations, shot, BASE, bringIntoView, waitForInk, waitForAttribute,
  waitForFocus, until,
} from './helpers.mjs';
import { checkAxe } from './axe.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The phone page's height at most: 4,752 px on main before this layout (release build
 *  of 7c732f8, default view, everything mounted), 4,113 px after it. */
const HEIGHT_375 = 4300;
/** The changes view at 375 px: five years and five pairs, then "Show the other …". */
const CHANGES_375 = 1300;

/** A filter with exactly three deals in the bundled data. */
const THREE_DEALS = "?supplier=Belarus&recipient=Myanmar";

/** The register's count once it matches `pattern`. */
function waitForDeals(page, pattern) {
  return until(page, ({ src, any }) => {
    const v = document.querySelector('[data-testid="register-count"]')?.textContent ?? '';
    return new RegExp(src).test(v) || any ? { value: v } : null;
  }, { src: pattern.source });
}

/** What the register's box and rows look like: sizes, sideways overflow, and for each
 *  rendered row the cells a card must show, with whether each is visible inside it. */
function registerLayout(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.register-scroll');
    const table = box.querySelector('table');
    const b = box.getBoundingClientRect();
    const rows = [...box.querySelectorAll('[data-testid="register-row"]')].map((tr) => {
      const r = tr.getBoundingClientRect();
      const cell = (col) => {
        const td = tr.querySelector(`td.col-${col}`);
        const c = td.getBoundingClientRect();
        return {
          text: td.textContent.trim(),
          shown: td.checkVisibility() && c.width > 0 && c.left >= r.left - 0.5 && c.right <= r.right + 0.5
            && c.top >= r.top - 0.5 && c.bottom <= r.bottom + 0.5,
          // What the card adds before the value (the column's name), as the reader sees it.
          label: getComputedStyle(td, '::before').content,
        };
      };
      return {
        pos: Number(tr.dataset.pos), top: r.top - b.top + box.scrollTop, height: r.height,
        cells: Object.fromEntries(['designation', 'supplier', 'recipient', 'delivered', 'years', 'tiv'].map((c) => [c, cell(c)])),
      };
    });
    return {
      boxHeight: b.height, tableHeight: table.getBoundingClientRect().height,
      clientHeight: box.clientHeight, scrollHeight: box.scrollHeight,
      sideways: box.scrollWidth - box.clientWidth,
      page: document.documentElement.scrollWidth - innerWidth,
      tbodyTop: table.tBodies[0].getBoundingClientRect().top - b.top + box.scrollTop,
      rows,
    };
  });
}

/** The accessibility tree's roles under the register's table (Chromium's own, through
 *  the DevTools protocol): a table of rows of cells stays one when shown as cards. */
async function tableRoles(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const table = nodes.find((n) => n.role?.value === 'table' && n.name?.value?.startsWith('Deal register'));
  const count = {};
  const walk = (n, depth) => {
    for (const id of n.childIds ?? []) {
      const c = byId.get(id);
      if (!c) continue;
      const role = c.role?.value;
      count[role] = (count[role] ?? 0) + 1;
      if (depth < 4) walk(c, depth + 1);
    }
  };
  if (table) walk(table, 0);
  return { found: !!table, count };
}

for (const width of [320, 375]) {
  test(`at ${width} px the register is cards: number, years and TIV of every deal, no sideways scroll, as tall as its deals`, async () => {
    const { page, context, problems } = await openApp(browser, { width, height: 800, query: THREE_DEALS });
    await bringIntoView(page, 'view-register');
    assert.equal(await waitForDeals(page, /^3 deals$/), '3 deals');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="register-row"]').length === 3);
    let l = await registerLayout(page);
    assert.ok(l.sideways <= 0, `the register scrolls ${l.sideways}px sideways`);
    assert.ok(l.page <= 0, `the page is ${l.page}px wider than the screen`);
    // As tall as its three cards and its sort buttons (plus the box's border), no more.
    assert.ok(l.boxHeight <= l.tableHeight + 4, `box ${l.boxHeight}px for a table of ${l.tableHeight}px`);
    assert.ok(l.scrollHeight <= l.clientHeight + 1, `the box scrolls: ${l.scrollHeight} in ${l.clientHeight}`);
    assert.equal(l.rows.length, 3);
    for (const r of l.rows) {
      assert.ok(r.height > 50, `a card is ${r.height}px high (a table row is 36)`);
      for (const [col, c] of Object.entries(r.cells)) {
        assert.ok(c.shown && c.text.length > 0, `row ${r.pos}: ${col} "${c.text}" is not shown in its card`);
      }
      assert.match(r.cells.delivered.text, /\d/);
      assert.match(r.cells.years.text, /\b(19|20)\d\d\b/);
      assert.match(r.cells.tiv.text, /\d/);
      assert.equal(r.cells.supplier.text, 'Belarus');
      assert.equal(r.cells.recipient.text, 'Myanmar');
      // Named where a number alone would not say what it is.
      assert.match(r.cells.delivered.label, /^"No\. delivered "/);
      // (At 320 px the years stand alone: four digits say what they are.)
      if (width > 320) assert.match(r.cells.years.label, /^"Delivered in "/);
      assert.match(r.cells.tiv.label, /^"TIV delivered "/);
    }
    // Still a table for assistive technology: a table, its header row, rows, and every
    // cell under its column's header (the columns a card leaves out too).
    const roles = await tableRoles(page);
    assert.ok(roles.found, 'the register table is in the accessibility tree');
    assert.ok(roles.count.row >= 4, `rows: ${JSON.stringify(roles.count)}`);
    assert.ok(roles.count.columnheader >= 11, `column headers: ${JSON.stringify(roles.count)}`);
    assert.equal((roles.count.cell ?? 0) + (roles.count.gridcell ?? 0), 3 * roles.count.columnheader, `cells: ${JSON.stringify(roles.count)}`);
    await page.locator('[data-testid="view-register"]').screenshot({ path: shot(`register-3-deals-${width}.png`) });

    // Sorting works from the buttons above the cards, and a card opens its deal.
    await page.click('[data-testid="register-sort-tiv"]');
    assert.equal(await waitForAttribute(page, 'th:has([data-testid="register-sort-tiv"])', 'aria-sort', 'descending'), 'descending');
    await page.click('[data-testid="register-row"]');
    await page.waitForSelector('[data-testid="register-detail"]');
    const detail = await page.evaluate(() => {
      const d = document.querySelector('[data-testid="register-detail"]');
      const t = d.querySelector('.detail-table-box');
      return { sideways: t.scrollWidth - t.clientWidth, page: document.documentElement.scrollWidth - innerWidth };
    });
    assert.ok(detail.sideways <= 0 && detail.page <= 0, `the deal's card scrolls sideways: ${JSON.stringify(detail)}`);
    await checkAxe(page, `register as cards, a deal open, ${width} px`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="register-detail"]', { state: 'detached' });

    // Every deal: the box stops at its limit and scrolls, still only sideways never.
    await page.goto(BASE);
    await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0);
    await bringIntoView(page, 'view-register');
    await waitForDeals(page, /^1,445 deals$/);
    await page.waitForSelector('[data-testid="register-row"]');
    l = await registerLayout(page);
    assert.ok(l.sideways <= 0, `the register scrolls ${l.sideways}px sideways`);
    assert.ok(l.page <= 0, `the page is ${l.page}px wider than the screen`);
    assert.ok(l.boxHeight <= 0.7 * 800 + 2, `box ${l.boxHeight}px, over its limit`);
    assert.ok(l.scrollHeight > l.clientHeight, 'the box scrolls down through the deals');
    assert.ok(l.rows.length > 3 && l.rows.length < 40, `${l.rows.length} cards rendered of 1,445`);
    const h = l.rows[0].height;
    for (const r of l.rows) {
      assert.ok(Math.abs(r.height - h) < 0.5, `card heights ${l.rows.map((x) => x.height)}`);
      // Each card sits where the virtual scroll puts it: its position times its height.
      assert.ok(Math.abs(r.top - l.tbodyTop - r.pos * h) < 1, `card ${r.pos} at ${r.top - l.tbodyTop}, not ${r.pos * h}`);
      // Long names are cut with "…", never pushed onto another line out of the card.
      for (const [col, c] of Object.entries(r.cells)) {
        assert.ok(c.shown && c.text.length > 0, `row ${r.pos}: ${col} "${c.text}" is not shown in its card`);
      }
    }
    // Scrolled to the end, the last deals are there and the DOM stays small.
    await page.$eval('.register-scroll', (s) => { s.scrollTop = s.scrollHeight; });
    await page.waitForFunction(() => document.querySelector('[data-testid="register-row"][data-pos="1444"]'));
    l = await registerLayout(page);
    assert.ok(l.rows.length < 40, `${l.rows.length} cards rendered at the end`);
    const last = l.rows.find((r) => r.pos === 1444);
    assert.ok(Math.abs(last.top + last.height - l.scrollHeight) < 2, `the last card ends at ${last.top + last.height} of ${l.scrollHeight}`);
    // Arrow keys walk the cards past the rendered ones, each focused card in the box.
    await page.$eval('.register-scroll', (s) => { s.scrollTop = 0; });
    await page.waitForFunction(() => document.querySelector('[data-testid="register-row"][data-pos="0"]'));
    await page.focus('[data-testid="register-row"][data-pos="0"]');
    for (let i = 1; i <= 30; i++) {
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction((i) => document.activeElement?.dataset?.pos === String(i), i);
    }
    const inBox = await page.evaluate(() => {
      const b = document.querySelector('.register-scroll').getBoundingClientRect();
      const r = document.activeElement.getBoundingClientRect();
      return r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
    });
    assert.ok(inBox, 'the focused card shows in the box');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="register-detail"]');
    await page.locator('[data-testid="view-register"]').screenshot({ path: shot(`register-all-${width}.png`) });
    await page.screenshot({ path: shot(`layout-${width}.png`), fullPage: true });
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`at ${width} px the register embed fits its column: no sideways scroll`, async () => {
    const { page, context, problems } = await watchedPage(browser, { width, height: 800 });
    await page.goto(`${BASE}?recipient=Myanmar&view=register&embed`);
    await page.waitForSelector('[data-testid="embed-deal"]');
    const m = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - innerWidth,
      cards: [...document.querySelectorAll('[data-testid="embed-deal"]')].map((c) => c.textContent),
    }));
    assert.ok(m.page <= 0, `the embed is ${m.page}px wider than its frame`);
    assert.ok(m.cards.length >= 3);
    for (const c of m.cards) assert.match(c, /\d.*(19|20)\d\d.*TIV|(19|20)\d\d[\s\S]*\d/, c);
    await page.screenshot({ path: shot(`embed-register-${width}.png`), fullPage: true });
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** Every card's description as laid out: its width against the card's content width,
 *  and whether its whole text fits (no "…"), for the cards rendered now. */
function descriptions(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-testid="register-row"]')].map((tr) => {
    const cs = getComputedStyle(tr);
    const content = tr.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const td = tr.querySelector('td.col-description');
    const d = td.getBoundingClientRect();
    const r = tr.getBoundingClientRect();
    return {
      pos: Number(tr.dataset.pos), text: td.textContent.trim(), width: d.width, content,
      fits: td.scrollWidth <= td.clientWidth + 0.5,
      inside: td.checkVisibility() && d.left >= r.left - 0.5 && d.right <= r.right + 0.5 && d.top >= r.top - 0.5 && d.bottom <= r.bottom + 0.5,
    };
  }));
}

// A card's description was cut to a letter or two beside a long designation and the TIV
// (issue #16): every card of the bundled register, in English and Russian, at 320 and
// 375 px, shows its description at least half as wide as the card, or whole.
for (const lang of ['en', 'ru']) {
  for (const width of [320, 375]) {
    test(`at ${width} px in ${lang} every card's description is readable`, { timeout: 120_000 }, async () => {
      const { page, context, problems } = await openApp(browser, { width, height: 800, query: lang === 'en' ? '' : `?lang=${lang}` });
      await bringIntoView(page, 'view-register');
      await page.waitForSelector('[data-testid="register-row"]');
      const seen = new Map();
      for (;;) {
        for (const d of await descriptions(page)) seen.set(d.pos, d);
        const more = await page.$eval('.register-scroll', (s) => {
          if (s.scrollTop + s.clientHeight >= s.scrollHeight - 1) return null;
          s.scrollTop += s.clientHeight;
          return s.scrollTop;
        });
        if (more === null) break;
        // The cards of the new window are rendered (the first one in view is there).
        await page.waitForFunction((top) => {
          const s = document.querySelector('.register-scroll');
          const b = s.getBoundingClientRect();
          return [...s.querySelectorAll('[data-testid="register-row"]')].some((tr) => {
            const r = tr.getBoundingClientRect();
            return r.top <= b.top + 1 && r.bottom > b.top + 1;
          }) && s.scrollTop === top;
        }, more);
      }
      const all = [...seen.values()];
      assert.ok(all.length >= 1445, `${all.length} cards seen of 1,445`);
      const narrow = all.filter((d) => d.text.length > 0 && !(d.inside && (d.fits || d.width >= 0.5 * d.content)));
      const worst = all.filter((d) => d.text.length > 0).reduce((a, d) => (d.width / d.content < a.width / a.content ? d : a));
      console.log(`${lang} ${width}px: ${all.length} cards, narrowest description ${worst.width.toFixed(0)} of ${worst.content.toFixed(0)}px ("${worst.text}", fits: ${worst.fits})`);
      assert.deepEqual(narrow.slice(0, 5), [], `${narrow.length} cards cut their description short`);
      await page.$eval('.register-scroll', (s) => { s.scrollTop = 0; });
      await page.waitForSelector('[data-testid="register-row"][data-pos="0"]');
      await page.locator('[data-testid="view-register"]').screenshot({ path: shot(`register-cards-${lang}-${width}.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('at 1440×900 the map and the timeline are both on the first screen, painted', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, height: 900 });
  const at = await page.evaluate(() => Object.fromEntries(['flowmap-canvas', 'timeline-canvas'].map((id) => {
    const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
    return [id, { top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height, width: r.width }];
  })));
  console.log(`1440×900: map canvas ${JSON.stringify(at['flowmap-canvas'])}, timeline canvas ${JSON.stringify(at['timeline-canvas'])}`);
  for (const [id, r] of Object.entries(at)) {
    assert.ok(r.top < 900, `${id} starts at ${r.top}px, below the first screen`);
    assert.ok(r.bottom <= 900, `${id} ends at ${r.bottom}px, below the first screen`);
    assert.ok(r.height >= 300 && r.width >= 450, `${id} is ${r.width}×${r.height}`);
  }
  assert.ok(await waitForInk(page, 'timeline-canvas', 2000) > 2000, 'the timeline is painted');
  await page.waitForFunction(() => document.querySelector('[data-testid="view-flowmap"]')?.dataset.map === 'ready');
  assert.ok(await waitForInk(page, 'flowmap-canvas', 20000) > 20000, 'the map is painted');
  await page.screenshot({ path: shot('layout-1440-first-screen.png') });
  await page.screenshot({ path: shot('layout-1440.png'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 375×800 the first screen is the map and its title, painted, and the page is short', async () => {
  const { page, context, problems } = await openApp(browser, { width: 375, height: 800 });
  const first = await page.evaluate(() => Object.fromEntries(['flowmap-title', 'flowmap-canvas'].map((id) => {
    const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
    return [id, { top: r.top + scrollY, bottom: r.bottom + scrollY }];
  })));
  console.log(`375×800 first screen: ${JSON.stringify(first)}`);
  for (const [id, r] of Object.entries(first)) {
    assert.ok(r.top >= 0 && r.bottom <= 800, `${id} spans ${r.top}-${r.bottom}px, not inside the first screen`);
  }
  assert.match(await page.textContent('[data-testid="flowmap-title"]'), /^Arms flows, 1950–2024/);
  await page.waitForFunction(() => document.querySelector('[data-testid="view-flowmap"]')?.dataset.map === 'ready');
  // (A 343×280 canvas: about 18,000 pixels of land, sea edge and arcs when painted.)
  assert.ok(await waitForInk(page, 'flowmap-canvas', 10000) > 10000, 'the map is painted');
  await page.screenshot({ path: shot('layout-375-first-screen.png') });
  // Everything mounted (the views below the fold mount a frame later), then measured.
  await bringIntoView(page, 'view-passport');
  await page.waitForSelector('[data-testid="register-row"]');
  // The changes view (what SIPRI revised between its releases, issue #17) is a
  // journalist's view the reader page did not have; it lists the largest differences
  // only, and is measured on its own.
  await bringIntoView(page, 'view-changes');
  await page.waitForSelector('[data-testid="changes-years"]');
  const { height, changes } = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    changes: document.querySelector('[data-testid="view-changes"]').getBoundingClientRect().height,
  }));
  console.log(`375×800: page ${height}px tall, ${Math.round(changes)}px of it the changes view (${HEIGHT_375} at most without it, ${CHANGES_375} for it)`);
  assert.ok(height - changes <= HEIGHT_375, `the page without the changes view is ${height - changes}px tall (at most ${HEIGHT_375})`);
  assert.ok(changes <= CHANGES_375, `the changes view is ${changes}px tall (at most ${CHANGES_375})`);
  await page.screenshot({ path: shot('layout-375-page.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the register names countries in the reader\'s language, SIPRI\'s spelling in the tooltip', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, height: 900, query: '?lang=fr&supplier=Russia&recipient=Myanmar' });
  await bringIntoView(page, 'view-register');
  await page.waitForSelector('[data-testid="register-row"]');
  const cells = await page.evaluate(() => {
    const tr = document.querySelector('[data-testid="register-row"]');
    const cell = (c) => { const td = tr.querySelector(`td.col-${c}`); return { text: td.textContent.trim(), title: td.title }; };
    return { supplier: cell('supplier'), recipient: cell('recipient') };
  });
  assert.equal(cells.supplier.text, 'Russie');
  assert.match(cells.supplier.title, /^Russie \(SIPRI\s*:\s*Russia\)$/);
  assert.match(cells.recipient.text, /^Myanmar/);
  await page.click('[data-testid="register-row"]');
  await page.waitForSelector('#register-detail-title');
  const title = await page.textContent('#register-detail-title');
  assert.match(title, /Russie/, `the deal's card: ${title}`);
  assert.doesNotMatch(title, /Russia\b/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in French the register sorts by the names shown and finds a country by its French or SIPRI name', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, height: 900, query: '?lang=fr' });
  await bringIntoView(page, 'view-register');
  await page.waitForSelector('[data-testid="register-row"]');
  await page.click('[data-testid="register-sort-supplier"]');
  await waitForAttribute(page, 'th:has([data-testid="register-sort-supplier"])', 'aria-sort', 'ascending');
  // Sorted A→Z by the French names: Allemagne (SIPRI: Germany) comes under A.
  const first = await until(page, ({ any }) => {
    const v = [...document.querySelectorAll('[data-testid="register-row"] td.col-supplier')].map((td) => td.textContent.trim());
    return v.includes('Allemagne') || any ? { value: v } : null;
  });
  assert.ok(first.includes('Allemagne'), `the first suppliers A→Z: ${first.join(', ')}`);
  assert.ok(first.every((n) => /^[A-B]/.test(n)), `the first suppliers A→Z: ${first.join(', ')}`);
  // (SIPRI's spelling also finds the historical German states, which keep SIPRI's name:
  // "East Germany (GDR)".)
  const counts = {};
  for (const [q, shown] of [['allemagne', /Allemagne/], ['Germany', /Allemagne|Germany/]]) {
    await page.fill('[data-testid="register-search"]', q);
    counts[q] = await until(page, ({ src, any }) => {
      const rows = [...document.querySelectorAll('[data-testid="register-row"]')];
      const ok = rows.length > 0 && rows.every((tr) => new RegExp(src).test(tr.textContent));
      const n = document.querySelector('[data-testid="register-count"]').textContent;
      return (ok && / sur /.test(n)) || any ? { value: Number(n.split(' sur ')[0].replace(/\D/g, '')) } : null;
    }, { src: shown.source });
    const rows = await page.$$eval('[data-testid="register-row"]', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.length > 0 && rows.every((t) => shown.test(t)), `"${q}" finds German deals: ${rows.length} rows`);
  }
  console.log(`fr: "allemagne" finds ${counts.allemagne} deals, "Germany" ${counts.Germany}`);
  assert.ok(counts.allemagne > 0 && counts.Germany >= counts.allemagne, JSON.stringify(counts));
  assert.deepEqual(problems, []);
  await context.close();
});
