// Languages, text alternatives and the live region, end to end: `?lang=fr` and a German
// browser show translated UI text and numbers written exactly like the browser's own
// `Intl.NumberFormat`; the charts' text alternatives follow the filter; the ranked list
// of flows is reachable by Tab and ordered by TIV; the live region speaks once per burst.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launch, openApp, cspViolations, shot, until, waitForSearch, waitForAttribute, placePoint, hoverArc, bringIntoView, waitForCount, openFilters,
  waitForText, watchedPage, BASE,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** helpers.openApp with a browser locale (en-US unless given). */
const open = ({ locale = 'en-US', ...rest } = {}) => openApp(browser, { locale, ...rest });

/** The language tables a page asks for: boot.js fetches `assets/locales/<tag>-<hash>.tsv`. */
function recordTables(page) {
  const asked = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/locales\/([a-z]{2})[^/]*\.tsv$/);
    if (m) asked.push(m[1]);
  });
  return asked;
}

/** Opens the app like `open`, recording the tables requested from the first request on. */
async function openRecording({ locale = 'en-US', width = 1440, height = 900, query = '' } = {}) {
  const { page, context, problems } = await watchedPage(browser, { width, height, locale });
  const tables = recordTables(page);
  await page.goto(BASE + query);
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0);
  return { page, context, problems, tables };
}

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

/** The summary's leading figure, and how the page's own Intl writes the same number. */
async function figureAndIntl(page, tag, pattern) {
  const summary = await text(page, 'timeline-summary');
  const m = summary.match(pattern);
  assert.ok(m, `no figure in “${summary}”`);
  const shown = m[1];
  const value = Number(shown.replace(/[^\d]/g, ''));
  const intl = await page.evaluate(([t, v]) => new Intl.NumberFormat(t).format(v), [tag, value]);
  return { shown, intl, value };
}

for (const width of [375, 1440]) {
  test(`?lang=fr shows French text and French numbers at ${width} px`, async () => {
    const { page, context, problems } = await open({ width, query: '?lang=fr' });
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.match(await page.textContent('.tiv-note'), /un indice de volume, pas des dollars/);
    assert.match(await page.textContent('.filters'), /Fournisseur/);
    assert.match(await page.textContent('.filters'), /Réinitialiser les filtres/);
    assert.match(await text(page, 'timeline-title'), /^Livraisons d’armes, par fournisseur, 1950–2024, TIV du SIPRI$/);
    const { shown, intl, value } = await figureAndIntl(page, 'fr', /^([\d\u202f\u00a0 ]+) millions de TIV/);
    assert.ok(value > 1000, `figure ${value}`);
    assert.equal(shown, intl, 'our French grouping equals Intl.NumberFormat("fr")');
    assert.ok(shown.includes('\u202f'), 'French groups with a narrow no-break space');
    // The SIPRI credit stays in SIPRI's English, with a French gloss.
    assert.match(await text(page, 'credit'), /Information from the SIPRI Arms Transfers Database/);
    assert.match(await text(page, 'credit-gloss'), /base de données du SIPRI/);
    // Long French strings stay inside the viewport.
    await openFilters(page);
    await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('destinataire'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    const wide = await page.evaluate(() => [...document.querySelectorAll('button, label, h2, h3, summary, .control-label')]
      .filter((e) => e.offsetParent && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'hidden')
      .map((e) => e.textContent.trim().slice(0, 40)));
    assert.deepEqual(wide, [], 'elements whose text overflows them');
    assert.deepEqual(await cspViolations(page), []);
    await page.screenshot({ path: shot(`locale-fr-${width}.png`), fullPage: true });
    console.log(`screenshot: ${shot(`locale-fr-${width}.png`)}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a German browser gets German labels and German numbers', async () => {
  const { page, context, problems } = await open({ locale: 'de-DE' });
  assert.deepEqual(await page.evaluate(() => navigator.languages.slice(0, 1)), ['de-DE']);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.match(await page.textContent('.filters'), /Lieferant/);
  assert.match(await page.textContent('.filters'), /Filter zurücksetzen/);
  // The summary in German, its numbers written the German way.
  const { shown, intl } = await figureAndIntl(page, 'de', /^([\d.]+) Mio\. TIV geliefert/);
  assert.equal(shown, intl, 'our German grouping equals Intl.NumberFormat("de")');
  assert.match(shown, /\d\.\d{3}/);
  assert.equal(await page.inputValue('[data-testid="lang-switch"]'), 'de');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language switch translates in place and the link keeps lang=', async () => {
  const { page, context, problems } = await open();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('.filters'), /Supplier/);
  await page.selectOption('[data-testid="lang-switch"]', 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.match(await page.textContent('.filters'), /Fournisseur/);
  assert.match(await text(page, 'timeline-summary'), /millions de TIV/);
  assert.match(await waitForSearch(page, /lang=fr/), /lang=fr/);
  await page.selectOption('[data-testid="filter-supplier"]', 'China');
  assert.match(await waitForSearch(page, /supplier=China/), /lang=fr/, 'a filter change keeps the language in the link');
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]')?.textContent.includes('millions de TIV'));
  assert.match(await text(page, 'timeline-title'), /fournisseur\u00a0: Chine/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the text alternatives follow the filter and name the top supplier', async () => {
  const { page, context, problems } = await open();
  const alt = () => page.getAttribute('[data-testid="timeline-canvas"]', 'aria-label');
  const mapAlt = () => page.getAttribute('[data-testid="flowmap-canvas"]', 'aria-label');
  const before = await alt();
  const mapBefore = await mapAlt();
  assert.match(before, /suppliers delivered [\d,]+ million TIV of major arms to \d+ recipients in 1950–2024, \d+% of it /);
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await page.waitForFunction((b) => document.querySelector('[data-testid="timeline-canvas"]').getAttribute('aria-label') !== b, before);
  const after = await alt();
  // The top supplier in the alternative is the first bar of the supplier ranking (below
  // the fold: read once the reader has scrolled to it).
  await bringIntoView(page, 'rankings-suppliers');
  const top = await page.getAttribute('[data-testid="rank-suppliers"] >> nth=0', 'data-label');
  assert.match(after, new RegExp(`Top suppliers: ${top} [\\d,]+ \\(\\d+%\\)`));
  assert.match(after, /to Myanmar in \d{4}–\d{4}/);
  assert.notEqual(await waitForAttribute(page, '[data-testid="flowmap-canvas"]', 'aria-label', { not: mapBefore }), mapBefore);
  assert.match(await mapAlt(), new RegExp(`the largest: ${top} to Myanmar, [\\d,]+ million TIV`));
  assert.match(await text(page, 'rankings-alt'), /Top suppliers:/);
  // Russia to Myanmar: the issue's sentence, with the category split.
  await page.selectOption('[data-testid="filter-supplier"]', 'Russia');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-canvas"]').getAttribute('aria-label').includes('. Russia delivered'));
  assert.match(await alt(), /Russia delivered [\d,.]+ million TIV of major arms to Myanmar in \d{4}(–\d{4})?, \d+% of it [a-z]/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the ranked list of flows is reachable by Tab, ordered by TIV, and filters', async () => {
  const { page, context, problems } = await open();
  await page.focus('[data-testid="map-world"]');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.dataset.testid === 'flow-list-summary');
  }
  assert.ok(reached, 'Tab reaches the flow list from the map controls');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-testid="flow-list"]', 'open'), '');
  // The items are built when the list opens (a closed list costs a filter change nothing).
  await waitForCount(page, '[data-testid="flow-item"]', { min: 1 });
  // Into the list (Chromium may stop once on the scrollable list itself).
  let inside = false;
  for (let i = 0; i < 3 && !inside; i++) {
    await page.keyboard.press('Tab');
    inside = await page.evaluate(() => document.activeElement?.dataset.testid === 'flow-item');
  }
  assert.ok(inside, 'Tab goes into the list');
  const tivs = await page.$$eval('[data-testid="flow-item"]', (els) => els.map((e) => Number(e.dataset.tiv)));
  assert.ok(tivs.length >= 10, `${tivs.length} flows listed`);
  for (let i = 1; i < tivs.length; i++) assert.ok(tivs[i - 1] >= tivs[i], `flow ${i} is larger than the one before`);
  const first = await page.textContent('[data-testid="flow-item"] >> nth=0');
  const [, from, to] = first.match(/^(.+) → (.+?): /);
  await page.focus('[data-testid="flow-item"] >> nth=0');
  await page.keyboard.press('Enter');
  await page.waitForFunction(([f, t]) => document.querySelector('[data-testid="timeline-title"]').textContent.includes(`from ${f} to ${t}`), [from, to]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the live region announces once after a burst of changes', async () => {
  const { page, context, problems } = await open();
  const region = '[data-testid="live-region"]';
  assert.equal(await page.getAttribute(region, 'aria-live'), 'polite');
  assert.equal(await page.locator('[aria-live="polite"]').count() <= 3, true);
  await page.waitForFunction((r) => document.querySelector(r).textContent.startsWith('Showing'), region);
  await page.evaluate((r) => {
    window.__announcements = [];
    new MutationObserver(() => window.__announcements.push({ at: performance.now(), text: document.querySelector(r).textContent }))
      .observe(document.querySelector(r), { childList: true, characterData: true, subtree: true });
  }, region);
  // A burst: three changes 100 ms apart, as a quick reader makes them (dispatched in the
  // page so that the gaps do not depend on how busy the test machine is; these pauses
  // are the reader's, part of what is tested, not waits for the page).
  await page.evaluate(async () => {
    const set = (id, v) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      el.value = v;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const pause = () => new Promise((r) => setTimeout(r, 100));
    set('filter-supplier', 'Russia');
    await pause();
    set('filter-recipient', 'Myanmar');
    await pause();
    set('filter-year-from', '2000');
    window.__lastChange = performance.now();
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="filter-year-from"]').value === '2000');
  // The region speaks once the filter has been still for a while (src/ui/announce.rs),
  // so its first words after the last change are the burst's last: earlier ones would be
  // recorded already, and nothing changes after it to say more.
  await until(page, ({ any }) => (any || window.__announcements.some((a) => a.at > window.__lastChange) ? { value: true } : null));
  const said = await page.evaluate(() => [...new Set(window.__announcements.map((a) => a.text))]);
  assert.equal(said.length, 1, `one announcement, got ${JSON.stringify(said)}`);
  assert.match(said[0], /^Showing [\d,]+ deals? from 1 supplier, [\d,.]+ million TIV, \d{4}(–\d{4})?\.$/);
  const count = Number(said[0].match(/^Showing ([\d,]+)/)[1].replace(/,/g, ''));
  assert.ok(count > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------------------ no English left in French

/** English phrases of the UI that French must not show: every text of en.tsv that differs
 *  from its French translation, cut at its {placeholders}, keeping pieces of two or more
 *  words (country and weapon names are data, not in the table). */
function englishOnlyPhrases() {
  const read = (tag) => {
    const m = new Map();
    for (const line of readFileSync(`crates/atlas-core/locales/${tag}.tsv`, 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      if (tab > 0) m.set(line.slice(0, tab), line.slice(tab + 1));
    }
    return m;
  };
  const en = read('en');
  const fr = read('fr');
  const phrases = new Set();
  for (const [key, text] of en) {
    const base = key.split('#')[0];
    // SIPRI's words for unknown parties are entity names in the data; the register's rows
    // (src/views/register, not yet asking for names in the reader's language) still show
    // SIPRI's. Everything else translates them (tests/country_names.rs).
    if (base.startsWith('names.unknown_')) continue;
    const french = [...fr].filter(([k]) => k.split('#')[0] === base).map(([, v]) => v);
    if (french.includes(text)) continue;
    for (const piece of text.split(/\{[a-z_]+\}/)) {
      const p = piece.trim().replace(/^[,.:;()“”–—≈= ]+|[,.:;()“”–—≈= ]+$/g, '');
      if (p.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w)).length >= 2) phrases.add(p);
    }
  }
  return [...phrases];
}

/** Everything a reader (or a screen reader) gets from the page: its text (hidden parts
 *  too: closed menus and panels), and the labels, titles and placeholders of elements.
 *  The annotation list is left out: its words are the annotation file's, not the UI's. */
async function readerText(page, selector = 'body') {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).cloneNode(true);
    for (const e of root.querySelectorAll('.notes-list, script, style, noscript')) e.remove();
    const parts = [root.textContent];
    for (const e of root.querySelectorAll('[aria-label], [title], [placeholder], [data-label]')) {
      for (const a of ['aria-label', 'title', 'placeholder', 'data-label']) {
        const v = e.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  }, selector);
}

function assertNoEnglish(textShown, phrases, where) {
  // The SIPRI credit line is SIPRI's required English wording.
  const t = textShown.replaceAll('Information from the SIPRI Arms Transfers Database', '');
  const found = phrases.filter((p) => t.includes(p));
  assert.deepEqual(found, [], `English UI text in ${where}`);
}

test('with lang=fr no English UI text is left: register, deal, passport, map, Download menu, embed dialog', async () => {
  const phrases = englishOnlyPhrases();
  assert.ok(phrases.length > 150, `only ${phrases.length} English phrases to look for`);
  const { page, context, problems } = await open({ query: '?lang=fr&recipient=Myanmar' });
  await page.waitForFunction(() => document.querySelector('[data-testid="view-flowmap"]')?.dataset.map === 'ready'
    && document.querySelectorAll('[data-testid="flowmap-places"] li').length > 0);
  // Register headers and a deal's detail.
  await page.waitForSelector('[data-testid="register-row"]');
  assert.match(await readerText(page, '[data-testid="view-register"]'), /Désignation[\s\S]*Com\u00ad?mande[\s\S]*TIV livré/);
  await page.click('[data-testid="register-row"]');
  await page.waitForSelector('[data-testid="register-detail"]');
  const detail = await readerText(page, '[data-testid="register-detail"]');
  assert.match(detail, /Livraisons année par année/);
  await page.locator('[data-testid="register-detail"]').screenshot({ path: shot('locale-fr-detail-1440.png') });
  assertNoEnglish(detail, phrases, 'the deal detail');
  await page.click('[data-testid="register-detail-close"]');
  // The passport of a weapon.
  await page.fill('[data-testid="passport-input"]', 'Mi-17');
  await page.dispatchEvent('[data-testid="passport-input"]', 'change');
  await page.waitForSelector('[data-testid="passport-table"]');
  const passport = await readerText(page, '[data-testid="view-passport"]');
  assert.match(await text(page, 'passport-title'), /^Où est allé le Mi-17 .*: 5 destinataires, \d{4}–\d{4}$/);
  assert.match(passport, /Années de réception/);
  // The map's tooltip: hover along the China → Myanmar arc (the scroll is made at once;
  // the places are measured after it).
  await page.locator('[data-testid="flowmap-canvas"]').scrollIntoViewIfNeeded();
  const found = await hoverArc(page, await placePoint(page, 'China'), await placePoint(page, 'Myanmar'), /^Chine → Myanmar \(Birmanie\)/);
  const tip = found && await readerText(page, '[data-testid="flowmap-tooltip"]');
  assert.ok(tip, 'no tooltip along the China → Myanmar arc');
  assert.match(tip, /millions de TIV/);
  await page.locator('.map-frame').screenshot({ path: shot('locale-fr-tooltip-1440.png') });
  assert.match(tip, /Principaux systèmes\s:\s/);
  // SIPRI's spelling, where the French name differs.
  assert.match(tip, /SIPRI\s:\sChina → Myanmar/);
  assertNoEnglish(tip, phrases, 'the map tooltip');
  await page.mouse.move(2, 2);
  // The map's legend (HTML key) and notes.
  assert.match(await readerText(page, '[data-testid="view-flowmap"]'), /Partie en pointillés\s:\sestimation/);
  // A Download menu, open.
  await page.click('[data-testid="download-timeline-button"]');
  await page.waitForSelector('[data-testid="download-timeline-svg"]', { state: 'visible' });
  const menu = await readerText(page, '[data-testid="download-timeline"]');
  assert.match(menu, /Télécharger[\s\S]*Image PNG \(impression\)[\s\S]*CSV\s:\ssérie par année/);
  assertNoEnglish(menu, phrases, 'the Download menu');
  await page.screenshot({ path: shot('locale-fr-download-1440.png') });
  await page.keyboard.press('Escape');
  // The whole page, with every view filled.
  assertNoEnglish(await readerText(page), phrases, 'the page');
  // The embed-code dialog.
  await page.click('[data-testid="embed-open"]');
  await page.waitForSelector('[data-testid="embed-dialog"][open]');
  const dialog = await readerText(page, '[data-testid="embed-dialog"]');
  assert.match(dialog, /Intégrer ce graphique/);
  assertNoEnglish(dialog, phrases, 'the embed-code dialog');
  await page.screenshot({ path: shot('locale-fr-embed-dialog-1440.png') });
  assert.match(await page.inputValue('[data-testid="embed-code"]'), /title="Livraisons d’armes, destinataire\u00a0: Myanmar \(Birmanie\), 1950–2024"/);
  await page.click('[data-testid="embed-close"]');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in French the charts number their axes the French way (exported SVG, drawn by the canvas code)', async () => {
  const { page, context, problems } = await open({ query: '?lang=fr' });
  await page.click('[data-testid="download-timeline-button"]');
  await page.waitForSelector('[data-testid="download-timeline-svg"]', { state: 'visible' });
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-timeline-svg"]')]);
  const svg = readFileSync(await d.path(), 'utf8');
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim());
  // Tick labels of the value axis: grouped numbers, written as Intl writes them in French.
  const ticks = texts.filter((t) => /^\d{1,3}([\u202f\u00a0 ,.]\d{3})+$/.test(t));
  assert.ok(ticks.length >= 2, `grouped ticks: ${JSON.stringify(ticks)}`);
  for (const t of ticks) {
    const n = Number(t.replace(/\D/g, ''));
    const intl = await page.evaluate((v) => new Intl.NumberFormat('fr').format(v), n);
    assert.equal(t, intl, `tick ${JSON.stringify(t)} is not written like Intl (fr): ${JSON.stringify(intl)}`);
  }
  assert.ok(texts.includes('Estimation (hachures)'), 'the figure key is French');
  assert.ok(texts.some((t) => t.startsWith('Livraisons d’armes, par fournisseur')), 'the figure title is French');
  // The same in German, switched in place: the canvas redraws, the export follows.
  await page.selectOption('[data-testid="lang-switch"]', 'de');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  await page.click('[data-testid="download-timeline-button"]');
  await page.waitForSelector('[data-testid="download-timeline-svg"]', { state: 'visible' });
  const [d2] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-timeline-svg"]')]);
  const de = [...readFileSync(await d2.path(), 'utf8').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim());
  const deTicks = de.filter((t) => /^\d{1,3}([\u202f\u00a0 ,.]\d{3})+$/.test(t));
  assert.deepEqual(deTicks, ticks.map((t) => t.replace(/\u202f/g, '.')), 'German ticks group with a point');
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------------------ country names, grammar, dates

test('in French the countries have French names (CLDR) in the rankings, the filters and the words, with no “à” before one', async () => {
  const { page, context, problems } = await open({ query: '?lang=fr' });
  // The rankings, below the fold: read once the reader has scrolled to them.
  await bringIntoView(page, 'rankings-suppliers');
  const labels = async (kind) => page.$$eval(`[data-testid="rank-${kind}"]`, (els) => els.map((e) => e.dataset.label));
  await until(page, ({ any }) => {
    const l = [...document.querySelectorAll('[data-testid="rank-suppliers"]')].map((e) => e.dataset.label);
    return any || l.includes('Russie') ? { value: l } : null;
  });
  const suppliers = await labels('suppliers');
  assert.ok(suppliers.includes('Russie'), `supplier ranking: ${suppliers}`);
  assert.ok(suppliers.includes('Chine'), `supplier ranking: ${suppliers}`);
  assert.ok(!suppliers.includes('Russia') && !suppliers.includes('China'), `English names left: ${suppliers}`);
  await bringIntoView(page, 'rankings-recipients');
  const recipients = await labels('recipients');
  assert.ok(recipients.includes('Myanmar (Birmanie)'), `recipient ranking: ${recipients}`);
  assert.ok(recipients.includes('Viêt Nam'), `recipient ranking: ${recipients}`);
  // A bar's tooltip gives SIPRI's spelling.
  const title = await page.getAttribute('[data-testid="rank-recipients"][data-label="Myanmar (Birmanie)"]', 'title');
  assert.match(title, /SIPRI\s:\sMyanmar\)$/);
  // The filter lists French names, sorted as French readers sort (États-Unis among the E),
  // while the values stay SIPRI's (what links carry).
  await openFilters(page);
  const options = await page.$$eval('[data-testid="filter-supplier"] option', (os) => os.map((o) => [o.value, o.textContent]));
  const shown = options.map(([, t]) => t);
  assert.deepEqual(options.find(([v]) => v === 'Russia'), ['Russia', 'Russie']);
  const us = shown.indexOf('États-Unis');
  assert.ok(us > 0, 'États-Unis is listed');
  assert.ok(shown[us - 1].localeCompare('États-Unis', 'fr') < 0 && shown[us + 1].localeCompare('États-Unis', 'fr') > 0,
    `États-Unis sits between ${shown[us - 1]} and ${shown[us + 1]}`);
  const recipientOptions = await page.$$eval('[data-testid="filter-recipient"] option', (os) => os.map((o) => o.textContent));
  assert.ok(recipientOptions.includes('Myanmar (Birmanie)'), `${recipientOptions}`);
  // Russia → Myanmar: titles and text alternatives name both in French, without “à”.
  await page.selectOption('[data-testid="filter-supplier"]', 'Russia');
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await waitForText(page, '[data-testid="timeline-title"]', /Myanmar \(Birmanie\)/);
  const alt = await page.getAttribute('[data-testid="timeline-canvas"]', 'aria-label');
  assert.match(alt, /Russie → Myanmar \(Birmanie\)\s:\s[\d\u202f]+ millions de TIV/);
  const everything = await page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const e of document.querySelectorAll('[aria-label], [title], [data-label]')) {
      for (const a of ['aria-label', 'title', 'data-label']) if (e.getAttribute(a)) parts.push(e.getAttribute(a));
    }
    return parts.join('\n');
  });
  for (const wrong of [' à Myanmar', 'à Birmanie', ' à Myanmar (Birmanie)', 'par Russie', 'à Russie']) {
    assert.ok(!everything.includes(wrong), `“${wrong}” on the page`);
  }
  await page.screenshot({ path: shot('locale-fr-names-1440.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

/** A French, German or Russian date as the page's own Intl writes it, from its parts. */
const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
};

for (const [tag, pattern] of [
  ['fr', /données générées le (\d{1,2}) (\S+) (\d{4}) à (\d{2}):(\d{2}):(\d{2})\)/g],
  ['ru', /данные сформированы (\d{1,2}) (\S+) (\d{4}) г\. в (\d{2}):(\d{2}):(\d{2})\)/g],
]) {
  test(`the method panel dates SIPRI's releases the ${tag} way, as Intl does`, async () => {
    const { page, context, problems } = await open({ query: `?lang=${tag}` });
    await page.click('[data-testid="method"] summary');
    const facts = await waitForText(page, '[data-testid="method-facts"]', pattern);
    const stamps = [...facts.matchAll(pattern)];
    assert.ok(stamps.length >= 1, facts);
    assert.doesNotMatch(facts, /\b(AM|PM|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/, 'English date left');
    for (const m of stamps) {
      const [, d, month, y, h, mi, sec] = m;
      const mo = MONTHS[tag].indexOf(month);
      assert.ok(mo >= 0, `month ${month}`);
      const intl = await page.evaluate(([t, parts]) => new Date(...parts).toLocaleString(t, { dateStyle: 'long', timeStyle: 'medium' }),
        [tag, [Number(y), mo, Number(d), Number(h), Number(mi), Number(sec)]]);
      const shown = m[0].replace(/^\D+/, '').replace(/\)$/, '');
      assert.equal(shown, intl, `the page's Intl writes ${intl}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the French, German and Russian tables are fetched only by their readers', async () => {
  // English: no table at all (English is in the app).
  const en = await openRecording();
  await en.page.selectOption('[data-testid="filter-supplier"]', 'Russia');
  await waitForText(en.page, '[data-testid="timeline-title"]', /from Russia/);
  assert.deepEqual(en.tables, [], 'an English page asks for no table');
  assert.deepEqual(en.problems, []);
  await en.context.close();
  // Each other language: its own table, once, and no other.
  for (const [how, want, word] of [
    [{ query: '?lang=fr' }, 'fr', 'Fournisseur'],
    [{ locale: 'de-DE' }, 'de', 'Lieferant'],
    [{ query: '?lang=ru', width: 375 }, 'ru', 'Поставщик'],
  ]) {
    const r = await openRecording(how);
    assert.equal(await r.page.getAttribute('html', 'lang'), want);
    assert.match(await r.page.textContent('.filters'), new RegExp(word));
    assert.deepEqual(r.tables, [want], `${want} page`);
    assert.deepEqual(r.problems, []);
    await r.context.close();
  }
  // Switching language fetches that table then, and shows it in place.
  const sw = await openRecording();
  await sw.page.selectOption('[data-testid="lang-switch"]', 'ru');
  await sw.page.waitForFunction(() => document.documentElement.lang === 'ru');
  assert.match(await sw.page.textContent('.filters'), /Поставщик/);
  assert.deepEqual(sw.tables, ['ru']);
  assert.deepEqual(sw.problems, []);
  await sw.context.close();
});

for (const width of [375, 1440]) {
  test(`?lang=ru shows Russian text and Russian names at ${width} px`, async () => {
    const { page, context, problems } = await open({ width, query: '?lang=ru&recipient=Myanmar' });
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    await waitForText(page, '[data-testid="timeline-title"]', /получатель: Мьянма \(Бирма\)/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await bringIntoView(page, 'rankings-suppliers');
    await until(page, ({ any }) => {
      const l = [...document.querySelectorAll('[data-testid="rank-suppliers"]')].map((e) => e.dataset.label);
      return any || l.includes('Россия') ? { value: l } : null;
    });
    const suppliers = await page.$$eval('[data-testid="rank-suppliers"]', (els) => els.map((e) => e.dataset.label));
    assert.ok(suppliers.includes('Россия') && suppliers.includes('Китай'), `${suppliers}`);
    await page.screenshot({ path: shot(`locale-ru-${width}.png`), fullPage: true });
    console.log(`screenshot: ${shot(`locale-ru-${width}.png`)}`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
