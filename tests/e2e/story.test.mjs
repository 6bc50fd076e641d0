// The Myanmar story preset end to end: one URL and one click; three steps with captions
// computed from the data; explicit, reproducible links; Back/Forward between steps;
// annotations drawn at their dates and listed with sources; "Sources and method".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, cspViolations, shot, BASE, until, waitForText, waitForAttribute, waitForCount, waitForSearch,
  afterTimers, URL_WRITE_DELAY_MS,
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

for (const width of [375, 1440]) {
  test(`?story=myanmar tells the story in three steps at ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, { width, query: '?story=myanmar' });
    await page.waitForSelector('[data-testid="story"]');
    // The one URL expands to explicit filters.
    const link1 = /^\?recipient=Myanmar&view=timeline&story=myanmar&step=1&data=/;
    assert.match(await search(page, link1), link1);
    const title1 = /^Arms deliveries to Myanmar by supplier, 1950–2024/;
    assert.match(await waitForText(page, TITLE, title1), title1);
    // Step 1's caption: computed ranking, China first and Russia second.
    const caption1 = /China largest \([\d,]+ million TIV, \d+\s?%\); Russia second/;
    assert.match(await waitForText(page, '[data-testid="story-step-1"] .story-caption', caption1), caption1);
    // Annotations (their file is fetched after the data): only what has a checked source
    // (the coup), listed with it; nothing unconfirmed, no "reported" marker.
    assert.equal(await waitForCount(page, '[data-testid="annotations"] .notes-list li', { eq: 1 }), 1);
    assert.equal(await page.locator('[data-testid="annotations"] .tag-reported').count(), 0);
    const text = await page.textContent('[data-testid="annotations"]');
    assert.match(text, /1 Feb 2021 Military coup/);
    assert.match(text, /Source: Date of record/);
    await assertNoPlaceholders(page);
    // Drawn at its date, in ink, in 2021, i.e. ~95 % along 1950–2024; no dashed marker.
    const { reported, ink } = await until(page, markersProbe);
    assert.deepEqual(reported, [], 'a reported marker is drawn');
    for (const x of ink.filter((x) => x > 0.5)) {
      assert.ok(x > 0.86 && x < 0.99, `marker at ${x} of the width`);
    }
    assert.ok(ink.some((x) => x > 0.86 && x < 0.99), 'no event marker in 2021');
    await page.screenshot({ path: shot(`story-${width}.png`), fullPage: width === 375 });
    console.log(`screenshot: ${shot(`story-${width}.png`)}`);

    // Step 2: Russia → Myanmar by category.
    await page.click('[data-testid="story-step-2"] button');
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.startsWith('Arms deliveries from Russia to Myanmar by category'));
    const link2 = /^\?supplier=Russia&recipient=Myanmar&stack=category&view=timeline&story=myanmar&step=2&data=/;
    assert.match(await search(page, link2), link2);
    assert.match(await waitForText(page, '[data-testid="timeline-legend"]', /Aircraft/), /Aircraft/);
    const caption2 = /^Russia delivered [\d,]+ million TIV/;
    assert.match(await waitForText(page, '[data-testid="story-step-2"] .story-caption', caption2), caption2);
    // Step 3: the flow map of Myanmar's imports.
    await page.click('[data-testid="story-step-3"] button');
    const link3 = /^\?recipient=Myanmar&view=map&story=myanmar&step=3&data=/;
    assert.match(await search(page, link3), link3);
    const caption3 = /The thickest arcs: China \(/;
    assert.match(await waitForText(page, '[data-testid="story-step-3"] .story-caption', caption3), caption3);
    // Back and Forward walk the steps.
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Russia to Myanmar'));
    assert.match(await search(page, /step=2/), /step=2/);
    assert.equal(await waitForAttribute(page, '[data-testid="story-step-2"] button', 'aria-pressed', 'true'), 'true');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.startsWith('Arms deliveries to Myanmar by supplier'));
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Russia to Myanmar'));
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
  await page.click('[data-testid="story-step-2"] button');
  await page.waitForFunction(() => location.search.includes('step=2'));
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
  await page.goto(BASE + '?story=myanmar&step=3&embed');
  await page.waitForSelector('[data-testid="view-flowmap"]');
  assert.equal(await page.locator('[data-testid="view-timeline"]').count(), 0);
  await page.waitForFunction(() => document.querySelector('[data-testid="story-caption"]')?.textContent.includes('The thickest arcs'));
  // The app writes the URL (the link expanded, with its data pin) a moment after the
  // state is applied, not with the caption.
  const link = /^\?recipient=Myanmar&view=map&embed&story=myanmar&step=3&data=/;
  assert.match(await waitForSearch(page, link), link);
  await page.click('[data-testid="story-step-1"] button');
  await page.waitForSelector('[data-testid="view-timeline"]');
  assert.equal(await waitForCount(page, '[data-testid="view-flowmap"]', { eq: 0 }), 0);
  await page.goBack();
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
