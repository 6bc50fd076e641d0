// Shared by the end-to-end tests: start Debian's Chromium through playwright-core, open
// the app from the URL `cargo xtask test` serves it at, and watch for anything that must
// never happen (page errors, console errors, CSP violations, requests to other origins).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = process.env.ATLAS_URL || 'http://127.0.0.1:8080/';
export const OUT = process.env.ATLAS_OUT || 'tests/e2e/out';
mkdirSync(OUT, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the app at `width` and records problems in the returned `problems` array. */
/**
 * A new page in its own context at `width`×`height`, watched: page errors, console
 * errors and requests to another origin go to `problems`, CSP violations to
 * `window.__cspViolations` (see `cspViolations`). Nothing is loaded yet.
 */
export async function watchedPage(browser, { width = 1440, height = 900, locale } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(BASE).origin;
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another origin: ${u}`);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, context, problems };
}

export async function openApp(browser, { width = 1440, height = 900, query = '', locale } = {}) {
  const { page, context, problems } = await watchedPage(browser, { width, height, locale });
  await page.goto(BASE + query);
  await page.waitForSelector('[data-testid="timeline-canvas"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]')?.textContent.length > 0);
  // The timeline is drawn once its canvas has been laid out (a frame after its words):
  // the app marks its first drawing.
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0);
  // The prerendered first screen (when this reader got it) has handed over to the app.
  await page.waitForFunction(() => !document.documentElement.classList.contains('pre') && !document.getElementById('prerender'));
  return { page, context, problems };
}

// ------------------------------------------------------------ waiting for what is asserted
//
// No test waits a fixed time, nor asserts a state a moment before the app has settled on
// it: it waits for the condition it then asserts. The waits below poll a *probe* in the
// page (with `waitForFunction`, once per animation frame). A probe takes its argument
// plus `any` and returns `{ value }` when its condition holds (or, with `any`, always),
// else null.

/** How long a wait for a condition lasts before the assertion that follows is left to
 *  fail: far longer than anything takes on a loaded machine. */
export const SETTLE_MS = 15_000;

/** Waits until `probe` (run in the page or frame `target` with `arg`) finds its
 *  condition and returns its value. If the condition does not come within `timeout`, it
 *  returns the value as it is then instead of throwing, so that the test's own assertion
 *  fails with its own message on what the page showed. */
export async function until(target, probe, arg = {}, { timeout = SETTLE_MS } = {}) {
  try {
    const handle = await target.waitForFunction(probe, { ...arg, any: false }, { timeout });
    return (await handle.jsonValue()).value;
  } catch (e) {
    if (e?.name !== 'TimeoutError') throw e;
    const { value } = await target.evaluate(probe, { ...arg, any: true });
    console.log(`waited ${timeout} ms in vain; the page shows ${JSON.stringify(value)?.slice(0, 200)}`);
    return value;
  }
}

/** What a read value must be: a RegExp it matches, `{ not: v }`, or the exact value. */
function expectation(x) {
  if (x instanceof RegExp) return { src: x.source, flags: x.flags };
  if (x !== null && typeof x === 'object' && 'not' in x) return { ne: x.not };
  return { eq: x };
}

/** Probe: something read in the page, once it meets `m`: the text (`what` = 'text'), the
 *  form value ('value') or an attribute ('@name') of the first element matching the CSS
 *  selector `sel`; `location.search` ('search', or 'decoded search' for it
 *  percent-decoded); the `data-testid` of the focused element ('focus'). */
const readProbe = ({ sel, what, m, any }) => {
  let v = null;
  if (what === 'search') v = location.search;
  else if (what === 'decoded search') v = decodeURIComponent(location.search);
  else if (what === 'focus') v = document.activeElement?.dataset?.testid ?? null;
  else {
    const el = document.querySelector(sel);
    if (el) v = what === 'text' ? el.textContent : what === 'value' ? el.value : el.getAttribute(what.slice(1));
  }
  const ok = v !== null && ('src' in m ? new RegExp(m.src, m.flags).test(v) : 'ne' in m ? v !== m.ne : v === m.eq);
  return ok || any ? { value: v } : null;
};

/** The text of `selector` once it matches `expected` (a RegExp, a string, or `{ not }`). */
export function waitForText(page, selector, expected, opts) {
  return until(page, readProbe, { sel: selector, what: 'text', m: expectation(expected) }, opts);
}

/** The value of the form field `selector` once it is `expected` (as for waitForText). */
export function waitForValue(page, selector, expected, opts) {
  return until(page, readProbe, { sel: selector, what: 'value', m: expectation(expected) }, opts);
}

/** The attribute `name` of `selector` once it is `expected` (as for waitForText). */
export function waitForAttribute(page, selector, name, expected, opts) {
  return until(page, readProbe, { sel: selector, what: `@${name}`, m: expectation(expected) }, opts);
}

/** The `data-testid` of the focused element, once it is `expected` (as for waitForText). */
export function waitForFocus(page, expected, opts) {
  return until(page, readProbe, { what: 'focus', m: expectation(expected) }, opts);
}

/** How many elements match `selector`, once that count is `eq` or within `min`–`max`. */
export function waitForCount(page, selector, { eq, min, max } = {}, opts) {
  return until(page, ({ sel, eq, min, max, any }) => {
    const n = document.querySelectorAll(sel).length;
    const ok = (eq === null || n === eq) && (min === null || n >= min) && (max === null || n <= max);
    return ok || any ? { value: n } : null;
  }, { sel: selector, eq: eq ?? null, min: min ?? null, max: max ?? null }, opts);
}

/** `location.search` (percent-decoded with `decode`) once it matches `expected`. The app
 *  writes the URL a moment after a change (src/state/url.rs), not with it. */
export function waitForSearch(page, expected, { decode = false, ...opts } = {}) {
  return until(page, readProbe, { what: decode ? 'decoded search' : 'search', m: expectation(expected) }, opts);
}

/** Probe: a fingerprint of canvas `id`'s pixels, once it `is` (or is `not`) a given one. */
const hashProbe = ({ id, is, not, any }) => {
  const c = document.querySelector(`[data-testid="${id}"]`);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 2166136261;
  for (let i = 0; i < d.length; i += 7) { h ^= d[i]; h = Math.imul(h, 16777619); }
  h >>>= 0;
  const ok = (is === null || h === is) && (not === null || h !== not);
  return ok || any ? { value: h } : null;
};

/** A fingerprint of a canvas's pixels, to tell whether a redraw changed it. */
export async function canvasHash(page, testid) {
  return (await page.evaluate(hashProbe, { id: testid, is: null, not: null, any: true })).value;
}

/** The canvas's fingerprint once it `is` a given one, or once it is `not` that one
 *  (after a change that redraws it). */
export function waitForCanvasHash(page, testid, { is = null, not = null }, opts) {
  return until(page, hashProbe, { id: testid, is, not }, opts);
}

/** Probe: how many of canvas `id`'s pixels are not (near) white, once more than `above`. */
const inkProbe = ({ id, above, any }) => {
  const c = document.querySelector(`[data-testid="${id}"]`);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
  return n > above || any ? { value: n } : null;
};

/** Counts canvas pixels that are not (near) white: a blank chart has almost none. */
export async function inkedPixels(page, testid) {
  return (await page.evaluate(inkProbe, { id: testid, above: 0, any: true })).value;
}

/** The canvas's inked pixels once there are more than `above` (it has been drawn). */
export function waitForInk(page, testid, above, opts) {
  return until(page, inkProbe, { id: testid, above }, opts);
}

/** Resolves after `n` animation frames of the page: input events the browser had
 *  received are dispatched before a frame's callbacks, and anything the app does on the
 *  next frame (`requestAnimationFrame`) or after layout (a `ResizeObserver`) is done
 *  within the following one. */
export function nextFrames(target, n = 2) {
  return target.evaluate((k) => new Promise((done) => {
    const step = (i) => (i === 0 ? done() : requestAnimationFrame(() => step(i - 1)));
    step(k);
  }), n);
}

/** Starts counting `type` events that reach `window` and returns a function that waits
 *  for the next one. A listener on the window runs after every listener of the app's on
 *  the event's way (the window is where bubbling ends; for an event sent to the window
 *  itself, such as `message`, listeners run in the order they were added), and the DOM
 *  updates the app makes in microtasks after each listener are done by then: seeing the
 *  event there says that the app has dealt with it. */
export async function armEvent(target, type) {
  const before = await target.evaluate((t) => {
    const seen = (window.__eventsSeen ??= {});
    if (!(t in seen)) {
      seen[t] = 0;
      window.addEventListener(t, () => { seen[t] += 1; }, { passive: true });
    }
    return seen[t];
  }, type);
  return () => target.waitForFunction(([t, n]) => window.__eventsSeen[t] > n, [type, before]);
}

/** The app's timers (src/): how long the filter must be still before the URL is written
 *  (state/url.rs URL_WRITE_DELAY), the span within which a second URL write replaces the
 *  History entry instead of adding one (state/url.rs write_url), and the step of the
 *  timeline's Play (ui/timeline.rs). */
export const URL_WRITE_DELAY_MS = 150;
export const URL_REPLACE_WINDOW_MS = 800;
export const PLAY_STEP_MS = 900;

/** Resolves once every timer the page had already set with a delay of `ms` or less has
 *  run: HTML runs timers set earlier with an equal or shorter delay before one set now
 *  (the timer initialization steps), however busy the machine. For checks that something
 *  does NOT happen where the app's only trace would be a timer's (a URL write that finds
 *  nothing to change, a Play step after a pause). */
export function afterTimers(page, ms) {
  return page.evaluate((t) => new Promise((done) => setTimeout(done, t)), ms);
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

export function shot(name) {
  return join(OUT, name);
}

// ------------------------------------------------------------ the flow map

/** The screen point (page coordinates) of a place on the flow map, from its text list. */
export async function placePoint(page, name) {
  const box = await page.locator('[data-testid="flowmap-canvas"]').boundingBox();
  const li = page.locator(`[data-testid="flowmap-places"] li[data-entity="${name}"]`);
  const x = Number(await li.getAttribute('data-x'));
  const y = Number(await li.getAttribute('data-y'));
  return { x: box.x + x, y: box.y + y, box };
}

/** The flow map's tooltip text, or null while there is none. */
export function mapTooltip(page) {
  return page.evaluate(() => document.querySelector('[data-testid="flowmap-tooltip"]')?.textContent ?? null);
}

/** Moves the mouse across the bulge between two points until the map's tooltip shows
 *  (one whose text matches `want`, if given); returns that point, or null. A tooltip
 *  found is looked at again two frames later, when every move sent has been dealt with,
 *  so that it is the one for the point the mouse rests on. */
export async function hoverArc(page, from, to, want = /./) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const [nx, ny] = [dy / len, -dx / len];
  const found = async () => want.test((await mapTooltip(page)) ?? '');
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    for (let off = -0.45 * len; off <= 0.45 * len; off += 2) {
      const x = from.x + t * dx + off * nx;
      const y = from.y + t * dy + off * ny;
      await page.mouse.move(x, y);
      if (await found()) {
        await nextFrames(page, 2);
        if (await found()) return { x, y };
      }
    }
  }
  return null;
}

/**
 * Scrolls a view into the viewport, as a reader would, and waits until nothing in it is
 * held: views below the fold leave filter changes alone until they come into view (the
 * app marks what waits with `data-held`), then catch up.
 */
export async function bringIntoView(page, testid, opts) {
  await page.locator(`[data-testid="${testid}"]`).first().scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return !!el && !el.closest('[data-held]') && !el.querySelector('[data-held]');
  }, testid, opts);
}

/**
 * Opens the filters on a phone, where they sit behind the "Filters" button (on wider
 * screens they are always shown and this does nothing), and waits until they show.
 */
export async function openFilters(page) {
  const toggle = page.locator('[data-testid="filters-toggle"]');
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  await page.waitForSelector('[data-testid="filter-recipient"]', { state: 'visible' });
}
