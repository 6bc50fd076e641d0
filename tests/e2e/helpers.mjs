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
export async function openApp(browser, { width = 1440, height = 900, query = '', locale } = {}) {
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
  await page.goto(BASE + query);
  await page.waitForSelector('[data-testid="timeline-canvas"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]')?.textContent.length > 0);
  return { page, context, problems };
}

/** Counts canvas pixels that are not (near) white: a blank chart has almost none. */
export async function inkedPixels(page, testid) {
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
    return n;
  }, testid);
}

/** A fingerprint of a canvas's pixels, to tell whether a redraw changed it. */
export async function canvasHash(page, testid) {
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let i = 0; i < d.length; i += 7) { h ^= d[i]; h = Math.imul(h, 16777619); }
    return h >>> 0;
  }, testid);
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

export function shot(name) {
  return join(OUT, name);
}
