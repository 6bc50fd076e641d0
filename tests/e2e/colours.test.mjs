// Stable colours and totals that agree (issue 16). A supplier keeps one colour in the
// timeline's legend, the rankings' bars and the map's key under every filter of a
// session; the bands a view names never share a colour and only "Other" is grey; and the
// map's words about a recipient give the rankings' total, with the part it cannot draw
// said beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, cspViolations, shot, until, waitForText, nextFrames } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** "Other" in the light palette (crates/atlas-core/src/render/palette.rs). */
const OTHER_GREY = '#696969';

/** Probe: the timeline legend's bands (label and swatch colour), the colour of `name`'s
 *  bar in the rankings and of its swatch in the map's key, once the legend names
 *  `expect` (and only those, when `exact`) and `name`'s bar and swatch are drawn. */
const coloursProbe = ({ name, expect, exact, any }) => {
  const bands = [...document.querySelectorAll('[data-testid="timeline-legend"] li:not(.legend-estimate)')]
    .map((li) => ({ label: li.textContent.trim(), fill: li.querySelector('rect')?.getAttribute('fill') }));
  const labels = bands.map((b) => b.label);
  const bar = document.querySelector(`[data-testid="rank-suppliers"][data-label="${name}"] svg rect`);
  const key = [...document.querySelectorAll('.map-key li')].find((li) => li.textContent.trim() === name);
  const value = {
    bands,
    legend: bands.find((b) => b.label === name)?.fill ?? null,
    bar: bar?.getAttribute('fill') ?? null,
    key: key?.querySelector('rect')?.getAttribute('fill') ?? null,
  };
  const ok = expect.every((l) => labels.includes(l))
    && (!exact || labels.length === expect.length)
    && value.legend && value.bar && value.key;
  return ok || any ? { value } : null;
};

function readColours(page, name, expect, exact = false) {
  return until(page, coloursProbe, { name, expect, exact });
}

/** The named bands have distinct colours, none of them the "Other" grey. */
function assertDistinct(bands, what) {
  const named = bands.filter((b) => b.label !== 'Other');
  for (const b of named) assert.notEqual(b.fill, OTHER_GREY, `${what}: ${b.label} is grey`);
  const fills = named.map((b) => b.fill);
  assert.equal(new Set(fills).size, fills.length, `${what}: two bands share a colour: ${JSON.stringify(named)}`);
  const other = bands.find((b) => b.label === 'Other');
  if (other) assert.equal(other.fill, OTHER_GREY, `${what}: "Other" is grey`);
}

test('Russia keeps one colour under three filters, in every view', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  const seen = [];
  // 1. Everything.
  const all = await readColours(page, 'Russia', ['Soviet Union', 'United States', 'Russia', 'Other']);
  seen.push(['all data', all]);
  // 2. Recipient Myanmar: its suppliers, India (17th overall) named too.
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  const myanmar = await readColours(page, 'Russia', ['China', 'Russia', 'India', 'Other']);
  seen.push(['recipient Myanmar', myanmar]);
  // 3. Russia → Myanmar: one band.
  await page.selectOption('[data-testid="filter-supplier"]', 'Russia');
  const pair = await readColours(page, 'Russia', ['Russia'], true);
  seen.push(['Russia → Myanmar', pair]);

  for (const [what, c] of seen) {
    console.log(`${what}: legend ${c.legend}, bar ${c.bar}, map key ${c.key}`);
    assert.equal(c.legend, all.legend, `legend under ${what}`);
    assert.equal(c.bar, all.legend, `ranking bar under ${what}`);
    assert.equal(c.key, all.legend, `map key under ${what}`);
    assertDistinct(c.bands, what);
  }
  assert.match(all.legend, /^#[0-9a-f]{6}$/);
  assert.notEqual(all.legend, OTHER_GREY);
  // The other suppliers named under both of the first two filters keep theirs too.
  for (const b of myanmar.bands) {
    const before = all.bands.find((a) => a.label === b.label && a.label !== 'Other');
    if (before) assert.equal(b.fill, before.fill, `${b.label} changed colour`);
  }
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** "7,339" → 7339. */
const num = (s) => Number(s.replace(/[^\d]/g, ''));

for (const width of [375, 1440]) {
  test(`the map's words on Myanmar give the rankings' total at ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, { width, query: '?recipient=Myanmar' });
    const place = '[data-testid="flowmap-places"] li[data-entity="Myanmar"]';
    const words = await waitForText(page, place, /^Myanmar, received [\d,]+ million TIV \(\d+ of it from unknown supplier\(s\), not on the map\)$/);
    assert.match(words, /^Myanmar, received [\d,]+ million TIV \(\d+ of it from unknown supplier\(s\), not on the map\)$/);
    const bar = await waitForText(page, '[data-testid="rank-recipients"][data-label="Myanmar"] .rank-value', /\d/);
    const ranked = num(bar.split('·')[0]);
    const onMap = num(words.match(/received ([\d,]+) million/)[1]);
    assert.equal(onMap, ranked, `map ${words} vs rankings ${bar}`);
    // The timeline's summary gives the same total.
    const summary = await waitForText(page, '[data-testid="timeline-summary"]', /million TIV/);
    assert.equal(num(summary.match(/^([\d,]+) million TIV/)[1]), ranked, summary);
    // The map's key and the legend, then the page as a reader sees it.
    const c = await readColours(page, 'Russia', ['China', 'Russia', 'India', 'Other']);
    assertDistinct(c.bands, `Myanmar at ${width} px`);
    await page.waitForSelector('[data-testid="register-row"]');
    await nextFrames(page, 2);
    await page.screenshot({ path: shot(`colours-myanmar-${width}.png`), fullPage: true });
    console.log(`screenshot: ${shot(`colours-myanmar-${width}.png`)}`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
