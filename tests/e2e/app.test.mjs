// The walking skeleton, end to end in headless Chromium against the release dist/,
// served from a sub-path under the strict CSP by `cargo xtask test`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, inkedPixels, canvasHash, cspViolations, shot, BASE, waitForInk, waitForCanvasHash, waitForValue,
  waitForAttribute, afterTimers, PLAY_STEP_MS, bringIntoView, waitForText,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const width of [375, 1440]) {
  test(`loads, paints a non-blank chart and credits SIPRI at ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, { width });
    const inked = await waitForInk(page, 'timeline-canvas', 2000);
    assert.ok(inked > 2000, `the timeline canvas is blank (${inked} inked pixels)`);
    const credit = await page.textContent('[data-testid="credit"]');
    assert.match(credit, /Information from the SIPRI Arms Transfers Database/);
    assert.match(credit, /https:\/\/www\.sipri\.org\/databases\/armstransfers/);
    assert.match(await page.textContent('.tiv-note'), /not dollars/);
    assert.match(await page.textContent('[data-testid="timeline-title"]'), /Arms deliveries by supplier, 1950–2024, SIPRI TIV/);
    // Nothing sticks out sideways at phone width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await page.screenshot({ path: shot(`app-${width}.png`), fullPage: true });
    console.log(`screenshot: ${shot(`app-${width}.png`)}`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('changing the supplier filter changes the chart', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  const before = await canvasHash(page, 'timeline-canvas');
  await page.selectOption('[data-testid="filter-supplier"]', 'Russia');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Russia'));
  // The timeline is below the fold: it catches up when the reader gets to it.
  await bringIntoView(page, 'timeline-canvas');
  const after = await waitForCanvasHash(page, 'timeline-canvas', { not: before });
  assert.notEqual(after, before, 'the canvas did not change');
  assert.ok(await inkedPixels(page, 'timeline-canvas') > 1000);
  // Myanmar as recipient too: China is no longer in the legend, Russia is.
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('to Myanmar'));
  const legend = await page.textContent('[data-testid="timeline-legend"]');
  assert.match(legend, /Russia/);
  assert.doesNotMatch(legend, /China/);
  await page.screenshot({ path: shot('russia-myanmar-1440.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('years, category, system and reset', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.fill('[data-testid="filter-year-from"]', '2000');
  await page.press('[data-testid="filter-year-from"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]').textContent.includes('in 2000–2024 (shaded)'));
  await page.selectOption('[data-testid="filter-category"]', 'Aircraft');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('aircraft'));
  await page.fill('[data-testid="filter-system"]', 'Yak-130');
  await page.press('[data-testid="filter-system"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.startsWith('Deliveries of Yak-130'));
  assert.match(await page.textContent('[data-testid="timeline-legend"]'), /Russia/);
  // A reversed range is refused with a message; the chart keeps the last valid range.
  await page.fill('[data-testid="filter-year-to"]', '1990');
  await page.press('[data-testid="filter-year-to"]', 'Enter');
  await page.waitForSelector('.field-error');
  assert.match(await page.textContent('.field-error'), /ends earlier/);
  // Nothing matches: words, not a blank chart.
  await page.fill('[data-testid="filter-system"]', 'no such weapon');
  await page.press('[data-testid="filter-system"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]').textContent.startsWith('No deliveries match'));
  await page.click('[data-testid="filter-reset"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent === 'Arms deliveries by supplier, 1950–2024, SIPRI TIV');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a missing data file gives a readable error, not a blank page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/assets/sea.atlas', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(BASE);
  await page.waitForSelector('[data-testid="load-error"]');
  assert.match(await page.textContent('[data-testid="load-error"]'), /could not be fetched \(HTTP 404\)/);
  await context.close();
});

test('a corrupt data file gives a readable error', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/assets/sea.atlas', (route) => route.fulfill({ status: 200, body: Buffer.from('ARMSATLS\x01\x00garbage') }));
  await page.goto(BASE);
  await page.waitForSelector('[data-testid="load-error"]');
  assert.match(await page.textContent('[data-testid="load-error"]'), /damaged/);
  await context.close();
});

test('timeline: hover shows the year breakdown, dragging sets the years, play steps', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  const canvas = page.locator('[data-testid="timeline-canvas"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // Hover over the middle of the plot: a tooltip with a year and TIV.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.waitForSelector('[data-testid="timeline-tooltip"]');
  assert.match(await page.textContent('[data-testid="timeline-tooltip"]'), /^\d{4} · [\d,.]+ TIV/);
  // Drag from ~40 % to ~70 % of the width: the year inputs follow.
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]').textContent.includes('(shaded)'));
  const from = Number(await page.inputValue('[data-testid="filter-year-from"]'));
  const to = Number(await page.inputValue('[data-testid="filter-year-to"]'));
  assert.ok(from > 1960 && to < 2015 && from < to, `brushed ${from}–${to}`);
  // Next/previous step single years; All years clears.
  await page.click('[data-testid="timeline-all-years"]');
  await page.click('[data-testid="timeline-next"]');
  assert.equal(await waitForValue(page, '[data-testid="filter-year-from"]', '1950'), '1950');
  assert.equal(await waitForValue(page, '[data-testid="filter-year-to"]', '1950'), '1950');
  await page.click('[data-testid="timeline-next"]');
  assert.equal(await waitForValue(page, '[data-testid="filter-year-to"]', '1951'), '1951');
  // Play advances by itself, and pauses.
  await page.click('[data-testid="timeline-play"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="filter-year-from"]').value) >= 1953, null, { timeout: 5000 });
  await page.click('[data-testid="timeline-play"]');
  // The button shows the pause once the click is dealt with (by the handler that stops
  // the stepping interval). Had the interval gone on, its next step would come within
  // one step's time: a timer of that length set after the pause runs after it.
  await waitForAttribute(page, '[data-testid="timeline-play"]', 'aria-pressed', 'false');
  const paused = await page.inputValue('[data-testid="filter-year-from"]');
  await afterTimers(page, PLAY_STEP_MS);
  assert.equal(await page.inputValue('[data-testid="filter-year-from"]'), paused, 'pause stops the stepping');
  await page.screenshot({ path: shot('timeline-brushed-1440.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('with prefers-reduced-motion there is no autoplay, only steps', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(BASE);
  await page.waitForSelector('[data-testid="timeline-next"]');
  assert.equal(await page.locator('[data-testid="timeline-play"]').count(), 0);
  await context.close();
});

test('a tap on the timeline shows what a hover shows', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(BASE);
  const canvas = page.locator('[data-testid="timeline-canvas"]');
  await canvas.waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await page.waitForSelector('[data-testid="timeline-tooltip"]');
  assert.match(await page.textContent('[data-testid="timeline-tooltip"]'), /^\d{4} · [\d,.]+ TIV/);
  await context.close();
});

test('at 375 px the first screen shows a painted chart, the filters behind one button that names them', async () => {
  const { page, context, problems } = await openApp(browser, { width: 375, height: 800 });
  await waitForInk(page, 'flowmap-canvas', 8000);
  const top = await page.evaluate(() => document.querySelector('[data-testid="flowmap-canvas"]').getBoundingClientRect().top);
  assert.ok(top < 800 - 150, `the map starts at ${top} px, not on the first screen`);
  assert.equal(await page.isVisible('[data-testid="filter-supplier"]'), false, 'the controls wait behind the button');
  assert.equal(await page.getAttribute('[data-testid="filters-toggle"]', 'aria-expanded'), 'false');
  assert.equal(await page.textContent('[data-testid="filters-summary"]'), '1950–2024');
  await page.screenshot({ path: shot('first-screen-375.png') });
  await page.click('[data-testid="filters-toggle"]');
  assert.equal(await page.getAttribute('[data-testid="filters-toggle"]', 'aria-expanded'), 'true');
  await page.selectOption('[data-testid="filter-supplier"]', 'Russia');
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await waitForText(page, '[data-testid="filters-summary"]', 'Russia → Myanmar · 1950–2024');
  // Wider screens show the controls and no button.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForSelector('[data-testid="filters-toggle"]', { state: 'hidden' });
  assert.equal(await page.isVisible('[data-testid="filter-supplier"]'), true);
  await page.screenshot({ path: shot('first-screen-1440.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
