// Comparing suppliers (issue 16): a reader adds Russia and China by typing, with the
// keyboard only; the chips, the charts and the link show both, and a reload restores
// them; removing a chip updates the link. Year boxes apply as the reader types. "Copy
// link" puts the link on the clipboard (or, where the browser refuses, selects it in a
// field) and says so through the live region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, shot, until, waitForSearch, waitForText, waitForValue, waitForFocus,
  waitForCount, waitForAttribute, afterTimers, bringIntoView, openFilters, cspViolations, BASE,
} from './helpers.mjs';
import { runAxe } from './axe.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The app's pause before a typed year applies (src/panels/filters.rs YEAR_PAUSE). */
const YEAR_PAUSE_MS = 300;

/** Presses Tab (Shift+Tab with `back`) until the element with `testid` has the focus. */
async function tabTo(page, testid, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((id) => document.activeElement?.dataset?.testid === id, testid)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testid}`);
}

/** The chips of a side, as their visible names and their accessible names. */
const chips = (page, side = 'supplier') => page.$$eval(`[data-testid="filter-${side}-chip"]`,
  (bs) => bs.map((b) => ({ name: b.dataset.entity, label: b.getAttribute('aria-label') })));

/** Probe: the chips' names, once they are `want` (joined by '|'). */
const chipsProbe = ({ side, want, any }) => {
  const v = [...document.querySelectorAll(`[data-testid="filter-${side}-chip"]`)].map((b) => b.dataset.entity).join('|');
  return v === want || any ? { value: v } : null;
};
const waitForChips = (page, names, side = 'supplier') => until(page, chipsProbe, { side, want: names.join('|') });

/** Probe: the timeline legend's labels and the supplier ranking's, once both hold `want`
 *  and nothing else. */
const chartsProbe = ({ want, any }) => {
  const legend = [...document.querySelectorAll('[data-testid="timeline-legend"] li:not(.legend-estimate)')].map((l) => l.textContent.trim()).sort();
  const bars = [...document.querySelectorAll('[data-testid="rank-suppliers"]')].map((b) => b.dataset.label).sort();
  const ok = legend.join('|') === want && bars.join('|') === want;
  return ok || any ? { value: { legend, bars } } : null;
};

test('a reader compares Russia and China with the keyboard alone, and the link keeps both', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  // Tab to "Add a supplier", type, Enter: the first match is marked as one types.
  await tabTo(page, 'filter-supplier-add');
  await page.keyboard.type('rus');
  assert.equal(await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-expanded', 'true'), 'true');
  const first = await page.$eval('[data-testid="filter-supplier-options"] [role="option"]', (o) => o.textContent.trim());
  assert.equal(first, 'Russia', 'the name that starts with what is typed comes first');
  const active = await page.getAttribute('[data-testid="filter-supplier-add"]', 'aria-activedescendant');
  assert.equal(await page.$eval(`#${active}`, (o) => [o.textContent.trim(), o.getAttribute('aria-selected')].join(' ')), 'Russia true');
  await page.keyboard.press('Enter');
  assert.equal(await waitForChips(page, ['Russia']), 'Russia');
  assert.equal(await page.inputValue('[data-testid="filter-supplier-add"]'), '', 'the box is emptied for the next name');
  assert.equal(await page.getAttribute('[data-testid="filter-supplier-add"]', 'aria-expanded'), 'false');
  // Case and accents do not matter; the arrow keys move through the matches.
  await page.keyboard.type('CHÍ');
  await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-expanded', 'true');
  const options = await page.$$eval('[data-testid="filter-supplier-options"] [role="option"]', (os) => os.map((o) => o.textContent.trim()));
  assert.equal(options[0], 'China', options.join(', '));
  assert.ok(!options.includes('Russia'), 'a chosen name is not offered again');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  assert.equal(await waitForChips(page, ['Russia', 'China']), 'Russia|China');
  assert.deepEqual(await chips(page), [
    { name: 'Russia', label: 'Remove Russia' },
    { name: 'China', label: 'Remove China' },
  ]);
  // The select says how many, the link holds both, the charts show both.
  assert.equal(await waitForValue(page, '[data-testid="filter-supplier"]', 'several'), 'several');
  assert.equal(await page.$eval('[data-testid="filter-supplier"]', (s) => s.selectedOptions[0].textContent.trim()), 'Several (2)');
  assert.match(await waitForSearch(page, /supplier=Russia&supplier=China/), /^\?supplier=Russia&supplier=China&/);
  assert.match(await waitForText(page, '[data-testid="timeline-title"]', /from Russia and China/), /from Russia and China/);
  await bringIntoView(page, 'view-rankings');
  assert.deepEqual(await until(page, chartsProbe, { want: 'China|Russia' }), { legend: ['China', 'Russia'], bars: ['China', 'Russia'] });
  assert.equal(await page.textContent('[data-testid="filters-summary"]'), 'from Russia, China · 1950–2024');
  await page.locator('[data-testid="filter-supplier-add"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('compare-1440.png') });

  // A name that matches nothing says so; Escape clears what is typed.
  await page.focus('[data-testid="filter-supplier-add"]');
  await page.keyboard.type('zzq');
  await waitForText(page, '[data-testid="filter-supplier-add"] ~ .combo-empty', 'Nothing matches “zzq”.');
  await page.keyboard.press('Escape');
  assert.equal(await waitForValue(page, '[data-testid="filter-supplier-add"]', ''), '');

  // axe with the chips and the open list of matches.
  await page.keyboard.type('a');
  await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-expanded', 'true');
  const axe = await runAxe(page);
  assert.deepEqual(axe.violations, [], JSON.stringify(axe.violations, null, 1));
  await page.keyboard.press('Escape');
  assert.equal(await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-expanded', 'false'), 'false');
  await page.keyboard.press('Escape');

  // Reloading the link restores both chips.
  const link = await page.evaluate(() => location.href);
  await page.reload();
  await page.waitForSelector('[data-testid="filter-supplier-chip"]');
  assert.equal(await waitForChips(page, ['Russia', 'China']), 'Russia|China');
  assert.equal(await page.evaluate(() => location.href), link);

  // Removing a chip (Shift+Tab back to it from the box, Enter) updates the link; the
  // focus goes to the chip left.
  await page.focus('[data-testid="filter-supplier-add"]');
  await tabTo(page, 'filter-supplier-chip', { back: true, max: 3 });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Remove China');
  await page.keyboard.press('Enter');
  assert.equal(await waitForChips(page, ['Russia']), 'Russia');
  assert.match(await waitForSearch(page, /^\?supplier=Russia&data=/), /^\?supplier=Russia&data=/);
  assert.equal(await waitForFocus(page, 'filter-supplier-chip'), 'filter-supplier-chip');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.entity), 'Russia');
  assert.equal(await waitForValue(page, '[data-testid="filter-supplier"]', 'Russia'), 'Russia');
  // Backspace in the empty box removes the last chip.
  await page.keyboard.press('Tab');
  assert.equal(await waitForFocus(page, 'filter-supplier-add'), 'filter-supplier-add');
  await page.keyboard.press('Backspace');
  assert.equal(await waitForCount(page, '[data-testid="filter-supplier-chip"]', { eq: 0 }), 0);
  assert.equal(await waitForSearch(page, /^\?data=/).then((s) => s.includes('supplier=')), false);
  assert.equal(await waitForValue(page, '[data-testid="filter-supplier"]', ''), '');
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the select still picks one name, and All clears, as the benchmark drives it', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, query: '?supplier=Russia&supplier=China' });
  assert.equal(await waitForChips(page, ['Russia', 'China']), 'Russia|China');
  // The benchmark's way: set the value, dispatch input and change.
  const set = (v) => page.evaluate((value) => {
    const el = document.querySelector('[data-testid="filter-supplier"]');
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, v);
  await set('Ukraine');
  assert.equal(await waitForChips(page, ['Ukraine']), 'Ukraine');
  assert.match(await waitForSearch(page, /^\?supplier=Ukraine&data=/), /supplier=Ukraine/);
  await set('');
  assert.equal(await waitForCount(page, '[data-testid="filter-supplier-chip"]', { eq: 0 }), 0);
  assert.equal(await page.$eval('[data-testid="filter-supplier"]', (s) => s.selectedOptions[0].textContent.trim()), 'All');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a year typed applies when typing rests, once; change applies at once, once', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  const computed = () => page.evaluate(() => performance.getEntriesByName('atlas:aggregate').length);
  await page.focus('[data-testid="filter-year-from"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2021');
  // No Tab, no Enter: the year applies once the typing rests.
  assert.match(await waitForSearch(page, /years=2021-2024/), /years=2021-2024/);
  assert.match(await waitForText(page, '[data-testid="rankings-title"]', /2021–2024/), /2021–2024/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'filter-year-from', 'the focus stays in the box');
  assert.equal(await page.locator('.years .field-error').count(), 0);
  // A year half typed is left alone while typing rests (no error, nothing applied)...
  await page.keyboard.press('Control+A');
  await page.keyboard.type('19');
  await afterTimers(page, YEAR_PAUSE_MS);
  assert.equal(await page.locator('.years .field-error').count(), 0, 'no error for a year not finished');
  assert.match(await page.evaluate(() => location.search), /years=2021-2024/);
  // ...and applies once whole.
  await page.keyboard.type('80');
  assert.match(await waitForSearch(page, /years=1980-2024/), /years=1980-2024/);
  // A whole year out of range says why, where, and is not applied.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1850');
  assert.match(await waitForText(page, '.years .field-error', /1850/), /Years not applied: year 1850 is outside/);
  assert.match(await page.evaluate(() => location.search), /years=1980-2024/, 'the invalid year is not applied');

  // The benchmark's way: value, input, change. It applies at once, and the pause that the
  // input started does not apply it a second time.
  const n0 = await computed();
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="filter-year-from"]');
    el.value = '1995';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  assert.equal(await page.locator('.years .field-error').count(), 0);
  assert.match(await waitForText(page, '[data-testid="rankings-title"]', /1995–2024/), /1995–2024/);
  assert.equal(await computed(), n0 + 1, 'one change, one computation');
  await afterTimers(page, YEAR_PAUSE_MS);
  assert.equal(await computed(), n0 + 1, 'the pause did not apply the year again');
  assert.match(await waitForSearch(page, /years=1995-2024/), /years=1995-2024/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Copy link puts the link on the clipboard and says so', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, query: '?supplier=Russia&supplier=China&recipient=Myanmar' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE).origin });
  const search = await waitForSearch(page, /&data=/);
  // The region first says what the page shows (once, after it loads); then the copy.
  await waitForText(page, '[data-testid="live-region"]', /\S/);
  await tabTo(page, 'copy-link');
  await page.keyboard.press('Enter');
  assert.equal(await waitForText(page, '[data-testid="live-region"]', 'Link copied'), 'Link copied');
  assert.equal(await page.textContent('[data-testid="copy-link-note"]'), 'Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.evaluate(() => location.href));
  assert.ok(copied.endsWith(search) && /supplier=Russia&supplier=China&recipient=Myanmar/.test(copied), copied);
  assert.equal(await page.locator('[data-testid="copy-link-field"]').count(), 0);
  // Said again on a second copy: the region empties first, so it is spoken again.
  await page.evaluate(() => {
    window.__said = [];
    const region = document.querySelector('[data-testid="live-region"]');
    new MutationObserver(() => window.__said.push(region.textContent))
      .observe(region, { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.press('Enter');
  const said = await until(page, ({ any }) => {
    const s = window.__said;
    const ok = s.length >= 2 && s[s.length - 1] === 'Link copied' && s.includes('');
    return ok || any ? { value: s } : null;
  });
  assert.deepEqual(said, ['', 'Link copied']);
  // A filter change makes the note stale: it goes.
  await page.selectOption('[data-testid="filter-recipient"]', 'Thailand');
  await page.waitForSelector('[data-testid="copy-link-note"]', { state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('without a clipboard, Copy link selects the link in a field', async () => {
  const { page, context, problems } = await openApp(browser, { width: 375, query: '?supplier=Russia' });
  // An insecure context has no navigator.clipboard.
  await page.evaluate(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true }));
  await waitForSearch(page, /&data=/);
  await page.click('[data-testid="copy-link"]');
  const field = await page.waitForSelector('[data-testid="copy-link-field"]');
  const href = await page.evaluate(() => location.href);
  assert.equal(await field.inputValue(), href);
  assert.equal(await field.getAttribute('readonly'), '');
  const selected = await until(page, ({ any }) => {
    const f = document.querySelector('[data-testid="copy-link-field"]');
    const ok = document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length;
    return ok || any ? { value: ok } : null;
  });
  assert.equal(selected, true, 'the link is focused and selected');
  assert.match(await waitForText(page, '[data-testid="live-region"]', /did not allow copying/), /the link is selected, press Ctrl\+C/);
  const axe = await runAxe(page);
  assert.deepEqual(axe.violations, [], JSON.stringify(axe.violations, null, 1));
  await page.screenshot({ path: shot('copy-link-refused-375.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the filters summary names every supplier chosen', async () => {
  const { page, context, problems } = await openApp(browser, { width: 375, height: 800 });
  await openFilters(page);
  await page.focus('[data-testid="filter-supplier-add"]');
  await page.keyboard.type('Russia');
  await page.keyboard.press('Enter');
  await page.keyboard.type('china');
  await page.keyboard.press('Enter');
  await page.focus('[data-testid="filter-recipient-add"]');
  await page.keyboard.type('myanm');
  await page.keyboard.press('Enter');
  assert.equal(await waitForChips(page, ['Myanmar'], 'recipient'), 'Myanmar');
  assert.equal(await waitForText(page, '[data-testid="filters-summary"]', 'Russia, China → Myanmar · 1950–2024'),
    'Russia, China → Myanmar · 1950–2024');
  await page.locator('[data-testid="filter-supplier"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('compare-filters-375.png') });
  // The list of matches opens over what follows, inside the screen.
  await page.focus('[data-testid="filter-supplier-add"]');
  await page.keyboard.type('u');
  await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-expanded', 'true');
  const box = await page.locator('[data-testid="filter-supplier-options"]').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, JSON.stringify(box));
  const scrollW = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollW <= 375, `no sideways scroll: ${scrollW}`);
  await page.screenshot({ path: shot('compare-filters-list-375.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('in French the names to type and the chips are French, the link keeps SIPRI\'s', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, query: '?lang=fr' });
  // The French table arrives after the page: wait for its words.
  assert.equal(await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-label', 'Ajouter un fournisseur'), 'Ajouter un fournisseur');
  await page.focus('[data-testid="filter-supplier-add"]');
  await page.keyboard.type('chin');
  await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-expanded', 'true');
  assert.equal(await page.$eval('[data-testid="filter-supplier-options"] [role="option"]', (o) => o.textContent.trim()), 'Chine');
  await page.keyboard.press('Enter');
  // SIPRI's English spelling finds the state too.
  await page.keyboard.type('russia');
  await waitForAttribute(page, '[data-testid="filter-supplier-add"]', 'aria-expanded', 'true');
  await page.keyboard.press('Enter');
  assert.equal(await waitForChips(page, ['China', 'Russia']), 'China|Russia');
  assert.deepEqual(await chips(page), [
    { name: 'China', label: 'Retirer Chine' },
    { name: 'Russia', label: 'Retirer Russie' },
  ]);
  assert.deepEqual(await page.$$eval('[data-testid="filter-supplier-chip"]', (bs) => bs.map((b) => b.textContent.replace('×', '').trim())), ['Chine', 'Russie']);
  assert.equal(await page.$eval('[data-testid="filter-supplier"]', (s) => s.selectedOptions[0].textContent.trim()), 'Plusieurs (2)');
  assert.match(await waitForSearch(page, /supplier=China&supplier=Russia/), /^\?supplier=China&supplier=Russia&/);
  assert.equal(await page.textContent('[data-testid="filters-summary"]'), 'Fournisseur\u00a0: Chine, Russie · 1950–2024');
  assert.deepEqual(problems, []);
  await context.close();
});
