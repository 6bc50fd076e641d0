// The Myanmar story preset end to end: one URL and one click; four steps with captions
// computed from the data, the first the years since the coup (issue #16); explicit,
// reproducible links; the step list's arrow keys, Previous/Next and Back/Forward between
// steps, with the caption and its chart in view together; annotations drawn at their
// dates and listed with sources; "Sources and method".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, cspViolations, shot, BASE, until, waitForText, waitForAttribute, waitForCount, waitForSearch,
  waitForValue, waitForFocus, afterTimers, URL_WRITE_DELAY_MS,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TITLE = '[data-testid="timeline-title"]';
const title = (page) => page.textContent(TITLE);
/** The link as the app writes it (percent-decoded), once it matches `re`. */
const search = (page, re) => waitForSearch(page, re, { decode: true });

/** Probe (helpers.until): the annotation markers drawn on the timeline canvas, as the
 *  columns (fractions of its width) holding at least 20 pixels of the "reported" colour
 *  and at least 60 of ink; found once an ink marker is drawn in 2021 (~95 % along
 *  1950–2024), i.e. once the annotations, fetched after the data, are drawn. */
const markersProbe = ({ any }) => {
  const c = document.querySelector('[data-testid="timeline-canvas"]');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const columnsOf = (rgb, min) => {
    const cols = [];
    for (let x = 0; x < c.width; x++) {
      let n = 0;
      for (let y = 0; y < c.height; y++) {
        const i = (y * c.width + x) * 4;
        if (Math.abs(d[i] - rgb[0]) < 12 && Math.abs(d[i + 1] - rgb[1]) < 12 && Math.abs(d[i + 2] - rgb[2]) < 12) n++;
      }
      if (n >= min) cols.push(x / c.width);
    }
    return cols;
  };
  const reported = columnsOf([0xa6, 0x3d, 0x00], 20);
  const ink = columnsOf([0x1a, 0x1a, 0x1a], 60);
  const drawn = ink.some((x) => x > 0.86 && x < 0.99);
  return drawn || any ? { value: { reported, ink } } : null;
};

/** Words that mark an unchecked source; none may reach a reader. */
const PLACEHOLDERS = /to confirm|to be confirmed|unconfirmed|citation needed|\bTBC\b|\bTODO\b/i;

/** Asserts that the page's text holds no placeholder words, once its annotation file
 *  (fetched after the data) is loaded: the line under the list then names it. */
async function assertNoPlaceholders(page) {
  await waitForText(page, '[data-testid="annotations"] .notes-load .hint', /myanmar\.tsv/);
  const all = await page.evaluate(() => document.body.innerText + ' ' + document.title);
  assert.doesNotMatch(all, PLACEHOLDERS);
  assert.doesNotMatch(all, /14\.7M|Pantsir/);
}

/** The last delivery year of the data shown, as the data bar states it ("…, 1950–2024"). */
async function lastDataYear(page) {
  const label = await waitForText(page, '[data-testid="data-source"]', /\d{4}–\d{4}/);
  return Number(label.match(/\d{4}–(\d{4})/)[1]);
}

/** Probe (helpers.until): the story's caption and the chart below it, as rectangles,
 *  once both lie wholly inside the viewport (`canvas`: the selector of the chart). */
const inViewProbe = ({ canvas, any }) => {
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height) };
  };
  const caption = box(document.querySelector('[data-testid="story-caption"]'));
  const chart = box(document.querySelector(canvas));
  const vh = window.innerHeight;
  const inside = (b) => b && b.height > 0 && b.top >= 0 && b.bottom <= vh;
  return (inside(caption) && inside(chart)) || any ? { value: { caption, chart, vh } } : null;
};

/** Waits until the story's caption and the chart `canvas` are both wholly in view. */
async function assertCaptionAndChartInView(page, canvas, what) {
  const { caption, chart, vh } = await until(page, inViewProbe, { canvas });
  assert.ok(caption && caption.top >= 0 && caption.bottom <= vh, `${what}: caption ${JSON.stringify(caption)} outside 0–${vh}`);
  assert.ok(chart && chart.top >= 0 && chart.bottom <= vh, `${what}: chart ${JSON.stringify(chart)} outside 0–${vh}`);
}

const CAPTION = '[data-testid="story-caption"]';
const TIMELINE_CANVAS = '[data-testid="timeline-canvas"]';
const MAP_CANVAS = '[data-testid="view-flowmap"] canvas';

for (const width of [375, 1440]) {
  test(`?story=myanmar leads with the years since the coup, then the long view, at ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, { width, height: width === 375 ? 800 : 900, query: '?story=myanmar' });
    await page.waitForSelector('[data-testid="story"]');
    const last = await lastDataYear(page);
    assert.ok(last >= 2021, `the data ends in ${last}`);
    // The one URL expands to explicit filters: the years since the coup, written out.
    const link1 = new RegExp(`^\\?recipient=Myanmar&years=2021-${last}&view=map&story=myanmar&step=1&data=`);
    assert.match(await search(page, link1), link1);
    // The map shows the years since the coup: one arc per supplier. The timeline keeps
    // every year for context and shades those years.
    const map1 = new RegExp(`^Arms flows to Myanmar, 2021–${last}`);
    assert.match(await waitForText(page, '[data-testid="flowmap-title"]', map1), map1);
    const summary1 = new RegExp(`million TIV delivered in 2021–${last} \\(shaded\\)`);
    assert.match(await waitForText(page, '[data-testid="timeline-summary"]', summary1), summary1);
    assert.equal(await waitForValue(page, '[data-testid="filter-year-from"]', '2021'), '2021');
    assert.equal(await waitForValue(page, '[data-testid="filter-year-to"]', String(last)), String(last));
    // Step 1's caption, computed: who supplied the junta since the coup, with which systems.
    const caption1 = new RegExp(`^Since the coup \\(2021–${last}\\), Myanmar received [\\d,]+ million TIV of major arms: (.+?) (\\d+)% \\(([^)]+)\\), `);
    const text1 = await waitForText(page, CAPTION, caption1);
    const [, topName, topShare, topSystems] = text1.match(caption1);
    assert.match(topSystems, /\S/);
    assert.equal(await waitForText(page, '[data-testid="story-card-of"]', 'Step 1 of 4'), 'Step 1 of 4');
    // The same supplier and share lead the app's own rankings for this filter.
    await waitForText(page, '[data-testid="rankings-title"]', new RegExp(`2021–${last}`));
    const firstBar = '[data-testid="rankings-suppliers"] [data-testid="rank-suppliers"]';
    assert.equal(await waitForAttribute(page, firstBar, 'data-label', topName), topName);
    const value = await page.textContent(`${firstBar} .rank-value`);
    assert.match(value, new RegExp(`· ${topShare}%$`), `rankings show ${value}, the caption ${topShare}%`);
    // Annotations (their file is fetched after the data): only what has a checked source
    // (the coup), listed with it; nothing unconfirmed, no "reported" marker.
    assert.equal(await waitForCount(page, '[data-testid="annotations"] .notes-list li', { eq: 1 }), 1);
    assert.equal(await page.locator('[data-testid="annotations"] .tag-reported').count(), 0);
    const text = await page.textContent('[data-testid="annotations"]');
    assert.match(text, /1 Feb 2021 Military coup/);
    assert.match(text, /Source: Date of record/);
    await assertNoPlaceholders(page);
    // Previous is disabled on the first step, Next is not; both are named.
    assert.equal(await page.getAttribute('[data-testid="story-prev"]', 'disabled'), '');
    assert.equal(await page.getAttribute('[data-testid="story-next"]', 'disabled'), null);
    assert.equal(await page.getByRole('button', { name: 'Previous', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Next', exact: true }).count(), 1);
    // Choosing the step (here, the one shown) brings its caption and chart into view.
    await page.click('[data-testid="story-step-1"] button');
    await assertCaptionAndChartInView(page, MAP_CANVAS, 'step 1');
    await page.screenshot({ path: shot(`story-coup-${width}.png`) });
    console.log(`screenshot: ${shot(`story-coup-${width}.png`)}`);

    // Step 2, chosen in the list: Myanmar's suppliers over the decades.
    await page.click('[data-testid="story-step-2"] button');
    const link2 = /^\?recipient=Myanmar&view=timeline&story=myanmar&step=2&data=/;
    assert.match(await search(page, link2), link2);
    const title2 = /^Arms deliveries to Myanmar by supplier, 1950–/;
    assert.match(await waitForText(page, TITLE, title2), title2);
    const caption2 = /China largest \([\d,]+ million TIV, \d+\s?%\); Russia second/;
    assert.match(await waitForText(page, CAPTION, caption2), caption2);
    // The caption and its chart, together in view.
    await assertCaptionAndChartInView(page, TIMELINE_CANVAS, 'step 2');
    // The coup drawn at its date, in ink, in 2021, i.e. ~95 % along 1950–2024; no
    // dashed marker.
    const { reported, ink } = await until(page, markersProbe);
    assert.deepEqual(reported, [], 'a reported marker is drawn');
    for (const x of ink.filter((x) => x > 0.5)) {
      assert.ok(x > 0.86 && x < 0.99, `marker at ${x} of the width`);
    }
    assert.ok(ink.some((x) => x > 0.86 && x < 0.99), 'no event marker in 2021');
    await page.screenshot({ path: shot(`story-${width}.png`), fullPage: width === 375 });
    console.log(`screenshot: ${shot(`story-${width}.png`)}`);

    // The arrow keys in the step list: right to step 3 (Russia → Myanmar by category).
    await page.focus('[data-testid="story-step-2"] button');
    await page.keyboard.press('ArrowRight');
    const link3 = /^\?supplier=Russia&recipient=Myanmar&stack=category&view=timeline&story=myanmar&step=3&data=/;
    assert.match(await search(page, link3), link3);
    assert.equal(await waitForAttribute(page, '[data-testid="story-step-3"] button', 'aria-pressed', 'true'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid]')?.dataset.testid), 'story-step-3');
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.startsWith('Arms deliveries from Russia to Myanmar by category'));
    assert.match(await waitForText(page, '[data-testid="timeline-legend"]', /Aircraft/), /Aircraft/);
    const caption3 = /^Russia delivered [\d,]+ million TIV/;
    assert.match(await waitForText(page, CAPTION, caption3), caption3);
    // Left goes back to step 2; right again to 3.
    await page.keyboard.press('ArrowLeft');
    assert.match(await search(page, link2), link2);
    assert.match(await waitForText(page, CAPTION, caption2), caption2);
    await page.keyboard.press('ArrowRight');
    assert.match(await search(page, link3), link3);
    await assertCaptionAndChartInView(page, TIMELINE_CANVAS, 'step 3');
    // Next: step 4, the flow map; the caption moves above the map, with the focus.
    await page.click('[data-testid="story-next"]');
    const link4 = /^\?recipient=Myanmar&view=map&story=myanmar&step=4&data=/;
    assert.match(await search(page, link4), link4);
    const caption4 = /The thickest arcs: China \(/;
    assert.match(await waitForText(page, CAPTION, caption4), caption4);
    assert.equal(await waitForText(page, '[data-testid="story-card-of"]', 'Step 4 of 4'), 'Step 4 of 4');
    await assertCaptionAndChartInView(page, MAP_CANVAS, 'step 4');
    // The last step: Next is disabled, the focus is on Previous.
    assert.equal(await waitForAttribute(page, '[data-testid="story-next"]', 'disabled', ''), '');
    assert.equal(await waitForFocus(page, 'story-prev'), 'story-prev');
    // Previous: back to step 3, above the timeline again.
    await page.click('[data-testid="story-prev"]');
    assert.match(await search(page, link3), link3);
    assert.match(await waitForText(page, CAPTION, caption3), caption3);
    await assertCaptionAndChartInView(page, TIMELINE_CANVAS, 'step 3 again');
    assert.equal(await waitForFocus(page, 'story-prev'), 'story-prev');
    // Back and Forward walk the steps.
    await page.goBack();
    assert.match(await search(page, link4), link4);
    await page.waitForSelector('[data-testid="story-step-4"] button[aria-pressed="true"]');
    await page.goBack();
    assert.match(await search(page, link3), link3);
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Russia to Myanmar'));
    assert.equal(await waitForAttribute(page, '[data-testid="story-step-3"] button', 'aria-pressed', 'true'), 'true');
    await page.goForward();
    assert.match(await search(page, link4), link4);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('one click from the full app opens the story; a reload shows the same view', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  assert.match(await page.textContent('[data-testid="story-entry"]'), /The story: Russia arms Myanmar's junta/);
  // No markers without the Myanmar filter, once the annotation file (fetched after the
  // data) is loaded: the line under the list then names it.
  await waitForText(page, '[data-testid="annotations"] .notes-load .hint', /myanmar\.tsv/);
  assert.equal(await page.locator('[data-testid="annotations"] .notes-list li').count(), 0);
  await page.click('[data-testid="story-entry"]');
  await page.waitForSelector('[data-testid="story"]');
  await page.waitForFunction(() => location.search.includes('story=myanmar&step=1'));
  await page.click('[data-testid="story-step-3"] button');
  await page.waitForFunction(() => location.search.includes('step=3'));
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Russia to Myanmar'));
  const link = page.url();
  const t = await title(page);
  await page.goto(link);
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]')?.textContent.length > 0);
  assert.equal(await waitForText(page, TITLE, t), t);
  // The URL stays as opened. The app writes it a moment after it applied the link's
  // state (which the title above shows), from a timer: once that has run, a rewrite
  // would have been made.
  await afterTimers(page, URL_WRITE_DELAY_MS);
  assert.equal(page.url(), link);
  // Sources and method: generated from the data.
  await page.click('[data-testid="method"] summary');
  const facts = await waitForText(page, '[data-testid="method-facts"]', /\d+\s?% of its TIV is marked by SIPRI as estimated/);
  assert.match(facts, /SIPRI's 2024 release/);
  assert.match(facts, /SIPRI's 2025 release/);
  assert.match(facts, /1994\/1995/);
  assert.match(facts, /\d+\s?% of its TIV is marked by SIPRI as estimated/);
  assert.match(await page.textContent('[data-testid="method"]'), /not dollars/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('annotation files: other origins are refused, a bad file is reported by line', async () => {
  const { page, context, problems } = await openApp(browser, {
    width: 1440, query: '?recipient=Myanmar&annotations=https://evil.example/notes.tsv',
  });
  await page.waitForSelector('[data-testid="url-issues"]');
  assert.match(await page.textContent('[data-testid="url-issues"]'), /annotations.*relative to this page/s);
  // The default file still applies.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="annotations"] .notes-list li').length === 1);
  // A journalist's own file, loaded in the page: one good line, one bad.
  await page.setInputFiles('[data-testid="annotations-file"]', {
    name: 'my-notes.tsv', mimeType: 'text/plain',
    buffer: Buffer.from('date\tkind\tlabel\tsource\trecipient\n2010-11\tevent\tElection\tMy newsroom\tMyanmar\n2010-13\tevent\tBad\tMe\tMyanmar\n'),
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="annotations"] .notes-list')?.textContent.includes('Election'));
  assert.equal(await page.locator('[data-testid="annotations"] .notes-list li').count(), 1);
  assert.match(await page.textContent('[data-testid="annotations"] .notes-list'), /Nov 2010 Election/);
  assert.match(await page.textContent('[data-testid="annotation-issues"]'), /my-notes\.tsv: line 3, column “date”: month 13/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a story step in embed mode shows that step\'s one view', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(BASE + '?story=myanmar&step=4&embed');
  await page.waitForSelector('[data-testid="view-flowmap"]');
  assert.equal(await page.locator('[data-testid="view-timeline"]').count(), 0);
  await page.waitForFunction(() => document.querySelector('[data-testid="story-caption"]')?.textContent.includes('The thickest arcs'));
  // The app writes the URL (the link expanded, with its data pin) a moment after the
  // state is applied, not with the caption.
  const link = /^\?recipient=Myanmar&view=map&embed&story=myanmar&step=4&data=/;
  assert.match(await waitForSearch(page, link), link);
  await page.click('[data-testid="story-step-2"] button');
  await page.waitForSelector('[data-testid="view-timeline"]');
  assert.equal(await waitForCount(page, '[data-testid="view-flowmap"]', { eq: 0 }), 0);
  await page.waitForFunction(() => document.querySelector('[data-testid="story-caption"]')?.textContent.startsWith('Of the'));
  // The arrow keys in the step control step through here too: left to the news (the
  // map of the years since the coup), right back.
  await page.focus('[data-testid="story-step-2"] button');
  await page.keyboard.press('ArrowLeft');
  await waitForSearch(page, /years=2021-\d{4}&view=map&embed&story=myanmar&step=1/);
  await page.waitForFunction(() => document.querySelector('[data-testid="story-caption"]')?.textContent.startsWith('Since the coup'));
  await page.waitForSelector('[data-testid="view-flowmap"]');
  await page.keyboard.press('ArrowRight');
  await waitForSearch(page, /step=2/);
  await page.waitForSelector('[data-testid="view-timeline"]');
  await page.goBack();
  await waitForSearch(page, /step=1/);
  await page.goBack();
  await waitForSearch(page, /step=2/);
  await page.goBack();
  await waitForSearch(page, /step=4/);
  await page.waitForSelector('[data-testid="view-flowmap"]');
  await context.close();
});

test('no unchecked annotation reaches a reader: page, story, embed, other suppliers', async () => {
  for (const query of [
    '?recipient=Myanmar',
    '?story=myanmar',
    '?recipient=Myanmar&embed',
    '?supplier=China&recipient=Myanmar',
    '?supplier=India&recipient=Myanmar',
  ]) {
    const { page, context, problems } = await openApp(browser, { width: 1440, query });
    await assertNoPlaceholders(page);
    assert.doesNotMatch(await page.textContent('[data-testid="annotations"]'), /reported/, query);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // A journalist's own file: a line with an unchecked source is refused with its line, a
  // Russia → Myanmar marker does not show on China → Myanmar, and a dollar label says so.
  const { page, context, problems } = await openApp(browser, { width: 1440, query: '?supplier=China&recipient=Myanmar' });
  await waitForText(page, '[data-testid="annotations"] .notes-load .hint', /myanmar\.tsv/);
  await page.setInputFiles('[data-testid="annotations-file"]', {
    name: 'mine.tsv', mimeType: 'text/plain',
    buffer: Buffer.from('date\tkind\tlabel\tsource\trecipient\tsupplier\n'
      + '2021-01\treported\tDeal\tcitation to confirm\tMyanmar\tRussia\n'
      + '2021-02\treported\tRussian radars\tA checked outlet\tMyanmar\tRussia\n'
      + '2021-03\tevent\t$5M loan\tA checked outlet\tMyanmar\tChina\n'),
  });
  await waitForText(page, '[data-testid="annotation-issues"]', /mine\.tsv: line 2, column “source”/);
  const list = await waitForText(page, '[data-testid="annotations"] .notes-list', /\$5M loan \(US\$, not TIV\)/);
  assert.doesNotMatch(list, /Russian radars|Deal/);
  assert.equal(await page.locator('[data-testid="annotations"] .notes-list li').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
