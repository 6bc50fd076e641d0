// The flow map, end to end: it paints at phone and desktop widths, arcs have tooltips,
// a country's menu filters by it, the zoom buttons redraw, and the keyboard reaches it all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, canvasHash, cspViolations, shot, BASE, waitForCanvasHash, waitForInk, waitForText, waitForAttribute,
  waitForCount, nextFrames, armEvent, placePoint, hoverArc, mapTooltip, openFilters,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const CANVAS = 'flowmap-canvas';

/** Waits until the world map has loaded, the places are listed and the map is drawn at
 *  its final size: the views mounted a frame after the first charts (src/ui/app.rs) can
 *  change the page's layout, and the map redraws when its canvas is resized (a
 *  ResizeObserver, reporting on the frame after the layout changed). So: those views are
 *  there (the register's rows come last), then two frames. */
async function mapReady(page) {
  await page.waitForSelector('[data-testid="flowmap-canvas"]');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="view-flowmap"]')?.dataset.map === 'ready'
    && document.querySelectorAll('[data-testid="flowmap-places"] li').length > 0);
  await page.waitForSelector('[data-testid="register-row"]');
  await nextFrames(page, 2);
}

async function tooltipVisible(page) {
  return (await mapTooltip(page)) !== null;
}

for (const width of [375, 1440]) {
  test(`the map paints, titles itself and fits at ${width} px`, async () => {
    const { page, context, problems } = await openApp(browser, { width });
    await mapReady(page);
    const inked = await waitForInk(page, CANVAS, 8000);
    assert.ok(inked > 8000, `the map canvas is blank (${inked} inked pixels)`);
    assert.equal(await page.textContent('[data-testid="flowmap-title"]'), 'Arms flows, 1950–2024, SIPRI TIV');
    const label = await page.getAttribute(`[data-testid="${CANVAS}"]`, 'aria-label');
    assert.match(label, /the largest: Soviet Union to Viet Nam, [\d,]+ million TIV; /);
    assert.equal(await page.getAttribute(`[data-testid="${CANVAS}"]`, 'role'), 'img');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    // Every zoom button fits inside the section.
    const section = await page.locator('[data-testid="view-flowmap"]').boundingBox();
    for (const id of ['map-zoom-in', 'map-zoom-out', 'map-fit', 'map-world']) {
      const b = await page.locator(`[data-testid="${id}"]`).boundingBox();
      assert.ok(b.x >= section.x - 1 && b.x + b.width <= section.x + section.width + 1, `${id} sticks out`);
    }
    // Myanmar alone: the title says so and the unknown supplier is reported in words.
    await openFilters(page);
    await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
    await page.waitForFunction(() => document.querySelector('[data-testid="flowmap-title"]').textContent.includes('to Myanmar'));
    const offMap = /Not on the map: unknown supplier\(s\), [\d.]+ million TIV/;
    assert.match(await waitForText(page, '[data-testid="view-flowmap"]', offMap), offMap);
    await page.locator('[data-testid="view-flowmap"]').screenshot({ path: shot(`map-${width}.png`) });
    console.log(`screenshot: ${shot(`map-${width}.png`)}`);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('hovering an arc shows the flow with its TIV, years and systems', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await mapReady(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="flowmap-places"] li[data-entity="China"]'));
  const china = await placePoint(page, 'China');
  const myanmar = await placePoint(page, 'Myanmar');
  const at = await hoverArc(page, china, myanmar, /^China → Myanmar/);
  assert.ok(at, 'no tooltip anywhere along the China → Myanmar arc');
  const tip = await page.textContent('[data-testid="flowmap-tooltip"]');
  assert.match(tip, /TIV/);
  assert.match(tip, /→ Myanmar/);
  assert.match(tip, /\d{4}(–\d{4})?/);
  assert.match(tip, /Top systems: /);
  // The tooltip stays inside the map.
  const frame = await page.locator('.map-frame').boundingBox();
  const t = await page.locator('[data-testid="flowmap-tooltip"]').boundingBox();
  assert.ok(t.x >= frame.x && t.x + t.width <= frame.x + frame.width + 1, 'tooltip sticks out');
  await page.screenshot({ path: shot('map-tooltip-1440.png') });
  // Leaving the map hides it.
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => !document.querySelector('[data-testid="flowmap-tooltip"]'));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('tapping an arc on a phone shows its tooltip', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(BASE);
  await page.waitForSelector('[data-testid="filter-recipient"]', { state: 'attached' });
  await openFilters(page);
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await mapReady(page);
  await page.locator('[data-testid="view-flowmap"]').scrollIntoViewIfNeeded();
  const china = await placePoint(page, 'China');
  const myanmar = await placePoint(page, 'Myanmar');
  // Tap along the bulge of the China → Myanmar arc.
  const dx = myanmar.x - china.x;
  const dy = myanmar.y - china.y;
  const len = Math.hypot(dx, dy);
  let shown = false;
  for (let off = -0.4 * len; off <= 0.4 * len && !shown; off += 4) {
    await page.touchscreen.tap(china.x + 0.5 * dx + off * dy / len, china.y + 0.5 * dy - off * dx / len);
    // A tooltip seen is looked at again once every tap sent has been dealt with (two
    // frames later), so that it is this tap's.
    shown = await tooltipVisible(page) && (await nextFrames(page, 2), await tooltipVisible(page));
  }
  assert.ok(shown, 'no tooltip after tapping along the arc');
  assert.match(await page.textContent('[data-testid="flowmap-tooltip"]'), /TIV/);
  await context.close();
});

test('clicking Myanmar then "Filter as recipient" filters by it', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await mapReady(page);
  // Just south of Myanmar's point, where the arrowheads do not converge.
  const { x, y } = await placePoint(page, 'Myanmar');
  await page.mouse.click(x, y + 6);
  await page.waitForSelector('[data-testid="flowmap-menu"]');
  // The app moves the focus into the menu on the frame after it opens.
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="flowmap-menu"]'));
  assert.match(await page.textContent('[data-testid="flowmap-menu"]'), /Myanmar/);
  // Myanmar supplies nothing in the bundled data: that button is disabled, with a reason,
  // and the keyboard focus lands on the first one that works.
  const supplier = page.locator('[data-testid="map-filter-supplier"][data-entity="Myanmar"]');
  assert.equal(await supplier.isDisabled(), true);
  assert.match(await supplier.getAttribute('title'), /supplies nothing/);
  const focused = await page.evaluate(() => [document.activeElement?.getAttribute('data-testid'), document.activeElement?.getAttribute('data-entity')]);
  assert.deepEqual(focused, ['map-filter-recipient', 'Myanmar']);
  await page.screenshot({ path: shot('map-menu-1440.png') });
  await page.click('[data-testid="map-filter-recipient"][data-entity="Myanmar"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="filter-recipient"]').value === 'Myanmar');
  await page.waitForFunction(() => document.querySelector('[data-testid="flowmap-title"]').textContent.includes('to Myanmar'));
  assert.equal(await waitForCount(page, '[data-testid="flowmap-menu"]', { eq: 0 }), 0, 'the menu closes');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard reaches places and the menu', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await mapReady(page);
  await page.focus('.map-frame');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.flowmap [aria-live]').textContent.includes('Press Enter'));
  const first = await page.textContent('.flowmap [aria-live]');
  assert.match(first, /^Viet Nam, received [\d,]+ million TIV/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="flowmap-menu"]');
  // The app moves the focus into the menu on the frame after it opens; Tab goes on from there.
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="flowmap-menu"]'));
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Filter as recipient');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="flowmap-menu"]'));
  const back = await page.evaluate(() => document.activeElement?.classList.contains('map-frame'));
  assert.ok(back, 'Escape returns focus to the map');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the zoom buttons change the map, and Fit returns to the flows', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440 });
  await page.selectOption('[data-testid="filter-supplier"]', 'Singapore');
  await mapReady(page);
  const fitted = await canvasHash(page, CANVAS);
  const hashes = [fitted];
  for (const id of ['map-zoom-in', 'map-zoom-out', 'map-world']) {
    await page.click(`[data-testid="${id}"]`);
    const h = await waitForCanvasHash(page, CANVAS, { not: hashes.at(-1) });
    assert.notEqual(h, hashes.at(-1), `${id} did not change the canvas`);
    hashes.push(h);
  }
  assert.equal(await waitForAttribute(page, '[data-testid="map-fit"]', 'aria-pressed', 'false'), 'false');
  await page.click('[data-testid="map-fit"]');
  assert.equal(await waitForCanvasHash(page, CANVAS, { is: fitted }), fitted, 'Fit to flows restores the framing');
  assert.equal(await waitForAttribute(page, '[data-testid="map-fit"]', 'aria-pressed', 'true'), 'true');
  // The wheel scrolls the page past an unfocused map, and zooms a focused one. That the
  // first wheel changed nothing is checked once the wheel event has reached the window,
  // past the map's own listener, which zooms (and so redraws) before it goes on.
  const box = await page.locator(`[data-testid="${CANVAS}"]`).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const wheeled = await armEvent(page, 'wheel');
  await page.mouse.wheel(0, -300);
  await wheeled();
  assert.equal(await canvasHash(page, CANVAS), fitted, 'the wheel zoomed an unfocused map');
  await page.focus('.map-frame');
  const b2 = await page.locator(`[data-testid="${CANVAS}"]`).boundingBox();
  await page.mouse.move(b2.x + b2.width / 2, b2.y + b2.height / 2);
  await page.mouse.wheel(0, -300);
  assert.notEqual(await waitForCanvasHash(page, CANVAS, { not: fitted }), fitted, 'the wheel did not zoom');
  // Dragging pans; releasing the button after a drag opens no menu (checked once the
  // pointerup has reached the window, past the map's listener, which opens it on a click).
  const zoomed = await canvasHash(page, CANVAS);
  await page.mouse.move(b2.x + 300, b2.y + 200);
  await page.mouse.down();
  await page.mouse.move(b2.x + 360, b2.y + 230, { steps: 5 });
  const released = await armEvent(page, 'pointerup');
  await page.mouse.up();
  await released();
  assert.notEqual(await waitForCanvasHash(page, CANVAS, { not: zoomed }), zoomed, 'dragging did not pan');
  assert.equal(await page.locator('[data-testid="flowmap-menu"]').count(), 0, 'a drag is not a click');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an empty selection says so in words', async () => {
  const { page, context, problems } = await openApp(browser, { width: 375 });
  await mapReady(page);
  await openFilters(page);
  await page.fill('[data-testid="filter-system"]', 'no such weapon');
  await page.press('[data-testid="filter-system"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="view-flowmap"]').textContent.includes('No arms flows match these filters'));
  assert.match(await page.getAttribute(`[data-testid="${CANVAS}"]`, 'aria-label'), /No flow can be drawn/);
  assert.ok(await waitForInk(page, CANVAS, 1000) > 1000, 'the land is still drawn');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without the world map file the arcs are still drawn, and the view says why', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.route('**/assets/world.map', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(BASE);
  await page.waitForFunction(() => document.querySelector('[data-testid="view-flowmap"]')?.dataset.map === 'failed');
  assert.match(await page.textContent('[data-testid="view-flowmap"]'), /world map could not be loaded .*HTTP 404.*arcs are drawn without land/);
  // Drawn (the app measures every drawing of the map), and with arcs.
  await page.waitForFunction(() => performance.getEntriesByName('atlas:draw:map').length > 0);
  assert.ok(await waitForInk(page, CANVAS, 2000) > 2000, 'no arcs drawn');
  await context.close();
});

test('the map and the rankings share the highlight', async () => {
  // Tall enough for the map and the rankings to be on screen together (a view out of
  // view paints the highlight when it comes back).
  const { page, context, problems } = await openApp(browser, { width: 1440, height: 2400 });
  await page.selectOption('[data-testid="filter-recipient"]', 'Myanmar');
  await mapReady(page);
  // A supplier focused in the rankings brings its arcs forward on the map.
  const before = await canvasHash(page, CANVAS);
  await page.focus('[data-testid="rank-suppliers"][data-label="Russia"]');
  const lit = await waitForCanvasHash(page, CANVAS, { not: before });
  assert.notEqual(lit, before, 'the map ignored the rankings highlight');
  await page.evaluate(() => document.activeElement.blur());
  assert.equal(await waitForCanvasHash(page, CANVAS, { is: before }), before, 'the highlight did not clear');
  // An arc hovered on the map marks its supplier in the rankings.
  await page.locator('[data-testid="view-flowmap"]').scrollIntoViewIfNeeded();
  const at = await hoverArc(page, await placePoint(page, 'China'), await placePoint(page, 'Myanmar'), /^China → Myanmar/);
  assert.ok(at, 'China → Myanmar not found');
  await page.waitForSelector('[data-testid="rank-suppliers"][data-label="China"].is-selected');
  assert.deepEqual(problems, []);
  await context.close();
});
