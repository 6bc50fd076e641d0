// Accessibility end to end: axe-core finds nothing in the full app (light and dark, phone
// and desktop), with the map's filter dialog and the timeline tooltip open; dark mode
// follows the system, the switch and the `theme=` link parameter; no motion under
// prefers-reduced-motion; dark screenshots at 375 and 1440 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, cspViolations, shot, until, waitForValue, armEvent, bringIntoView } from './helpers.mjs';
import { checkAxe, runAxe } from './axe.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The app with every view drawn (rankings, register, passport filled). */
async function ready(page) {
  await page.waitForSelector('[data-testid="rank-suppliers"]');
  await page.waitForSelector('[data-testid="register-row"]');
  await page.waitForSelector('[data-testid="flowmap-canvas"]');
  // The map is drawn with its land once the world map has loaded.
  await page.waitForFunction(() => document.querySelector('[data-testid="view-flowmap"]')?.dataset.map === 'ready');
}

const themeOf = (page) => page.evaluate(() => document.documentElement.dataset.theme);
const paperOf = (page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
/** Probe (helpers.until): the mean brightness (0–255) of a canvas, to tell a dark drawing
 *  from a light one; found once it is below `below`. */
const brightnessProbe = ({ id, below, any }) => {
  const c = document.querySelector(`[data-testid="${id}"]`);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let s = 0;
  for (let i = 0; i < d.length; i += 4) s += (d[i] + d[i + 1] + d[i + 2]) / 3;
  const v = s / (d.length / 4);
  return v < below || any ? { value: v } : null;
};
const canvasBrightness = async (page, testid) => (await page.evaluate(brightnessProbe, { id: testid, below: 0, any: true })).value;

for (const width of [375, 1440]) {
  for (const scheme of ['light', 'dark']) {
    test(`axe: no violations in the full app, ${scheme}, ${width} px`, async () => {
      const { page, context, problems } = await openApp(browser, { width, query: scheme === 'dark' ? '?theme=dark' : '' });
      await ready(page);
      assert.equal(await themeOf(page), scheme);
      await checkAxe(page, `full app, ${scheme}, ${width} px`);
      if (scheme === 'dark') {
        // Pages, canvases and colours are really dark.
        assert.equal(await paperOf(page), 'rgb(22, 24, 28)');
        assert.ok(await canvasBrightness(page, 'timeline-canvas') < 80, 'timeline drawn dark');
        await page.screenshot({ path: shot(`dark-${width}.png`), fullPage: true });
        console.log(`screenshot: ${shot(`dark-${width}.png`)}`);
      }
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('the axe check itself catches what it should (a nameless button, faint text)', async () => {
  const { page, context } = await openApp(browser, { width: 1024 });
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.type = 'button';
    document.querySelector('main').append(b);
    const p = document.createElement('p');
    p.textContent = 'faint words';
    p.style.color = '#dddddd';
    document.querySelector('main').append(p);
  });
  const { violations } = await runAxe(page);
  const ids = violations.map((v) => v.id).sort();
  assert.ok(ids.includes('button-name') && ids.includes('color-contrast'), `found: ${ids}`);
  await context.close();
});

test('axe: no violations with the map filter dialog and the timeline tooltip open', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await openApp(browser, { width: 1440, query: `?theme=${scheme}` });
    await ready(page);
    // The map's dialog, opened from the keyboard.
    await page.focus('.map-frame');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="flowmap-menu"]');
    await checkAxe(page, `map filter dialog open, ${scheme}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="flowmap-menu"]', { state: 'detached' });
    // The timeline's tooltip, from the keyboard.
    await page.focus('[data-testid="timeline-canvas"]');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid="timeline-tooltip"]');
    await checkAxe(page, `timeline tooltip open, ${scheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('dark mode follows the system live, the switch wins and is remembered, the link wins over both', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1024 });
  await ready(page);
  assert.equal(await themeOf(page), 'light');
  const lightMap = await canvasBrightness(page, 'flowmap-canvas');
  // The system turns dark: the page and the canvases follow without a reload.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.equal(await paperOf(page), 'rgb(22, 24, 28)');
  // Each canvas repaints when the reader gets to it (the timeline is below the fold).
  await bringIntoView(page, 'timeline-canvas');
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="timeline-canvas"]');
    const d = c.getContext('2d').getImageData(0, 0, 4, 4).data;
    return d[0] < 60;
  });
  await bringIntoView(page, 'flowmap-canvas');
  assert.ok(await until(page, brightnessProbe, { id: 'flowmap-canvas', below: lightMap - 60 }) < lightMap - 60, 'map redrawn dark');
  // The rankings' bars take the dark palette's colours.
  const fill = await page.getAttribute('[data-testid="rank-suppliers"] svg rect', 'fill');
  assert.match(fill, /^#[0-9a-f]{6}$/);
  // The reader picks Light: it wins over the system and survives a reload.
  await page.selectOption('[data-testid="theme-switch"]', 'light');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  const stored = await until(page, ({ any }) => {
    const v = localStorage.getItem('arms-atlas:theme');
    return v === 'light' || any ? { value: v } : null;
  });
  assert.equal(stored, 'light');
  await page.reload();
  await page.waitForSelector('[data-testid="timeline-canvas"]');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.equal(await waitForValue(page, '[data-testid="theme-switch"]', 'light'), 'light');
  // A link's theme (an embed told by its host) wins and is kept in the URL as it changes.
  await page.goto(page.url().split('?')[0] + '?theme=dark&recipient=Myanmar');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.waitForFunction(() => /theme=dark/.test(location.search) && /data=/.test(location.search));
  // Back to Auto: the system (dark, emulated) decides again.
  await page.selectOption('[data-testid="theme-switch"]', 'auto');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a host page can set the theme of an embedded Atlas by postMessage', async () => {
  const { page, context, problems } = await openApp(browser, { width: 800 });
  const base = page.url().split('?')[0];
  // A same-origin host page made in the test: an iframe of the app, themed from outside.
  await page.goto(base + 'no-such-page-a11y-host');
  await page.evaluate((src) => {
    document.body.innerHTML = '';
    const f = document.createElement('iframe');
    f.src = src; f.width = '800'; f.height = '600'; f.id = 'atlas';
    document.body.append(f);
  }, base + '?theme=light');
  const frame = await (await page.waitForSelector('#atlas')).contentFrame();
  await frame.waitForSelector('[data-testid="timeline-canvas"]');
  await frame.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.evaluate(() => document.getElementById('atlas').contentWindow.postMessage({ type: 'arms-atlas:theme', theme: 'dark' }, '*'));
  await frame.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  // Messages of other shapes are ignored: checked once both have reached a listener
  // added to the embedded window after the app's (listeners run in the order they were
  // added, and the app applies a theme in its listener's turn).
  let delivered = await armEvent(frame, 'message');
  await page.evaluate(() => document.getElementById('atlas').contentWindow.postMessage({ type: 'other', theme: 'light' }, '*'));
  await delivered();
  delivered = await armEvent(frame, 'message');
  await page.evaluate(() => document.getElementById('atlas').contentWindow.postMessage('arms-atlas:theme light', '*'));
  await delivered();
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.deepEqual(problems.filter((p) => !/404|Not Found/i.test(p)), []);
  await context.close();
});

test('prefers-reduced-motion: no transition or animation runs, play does not auto-advance', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const { BASE } = await import('./helpers.mjs');
  await page.goto(BASE);
  await page.waitForSelector('[data-testid="rank-suppliers"]');
  const moving = await page.evaluate(() => {
    const bad = [];
    const secs = (v) => v.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1));
    for (const el of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const cs = getComputedStyle(el, pseudo);
        const t = Math.max(...secs(cs.transitionDuration));
        const a = cs.animationName !== 'none' ? Math.max(...secs(cs.animationDuration)) : 0;
        if (t > 0 || a > 0) bad.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ''}: transition ${cs.transitionDuration}, animation ${cs.animationName} ${cs.animationDuration}`);
      }
    }
    return { bad, running: document.getAnimations().length };
  });
  assert.deepEqual(moving.bad, []);
  assert.equal(moving.running, 0);
  // The timeline offers no auto-play then (stepping by year stays).
  assert.equal(await page.locator('[data-testid="timeline-play"]').count(), 0);
  assert.equal(await page.locator('[data-testid="timeline-next"]').count(), 1);
  // The rule really is there: a transition and an animation given to an element (through
  // the CSSOM, which the CSP allows) are cut to 0 s under reduce, and kept without it.
  const probe = () => {
    const d = document.createElement('div');
    d.style.transition = 'opacity 2s ease';
    d.style.animation = 'none 3s';
    document.body.append(d);
    const cs = getComputedStyle(d);
    const out = `${cs.transitionDuration} ${cs.animationDuration}`;
    d.remove();
    return out;
  };
  const cut = await page.evaluate(probe);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  assert.equal(await page.evaluate(probe), '2s 3s');
  assert.equal(cut, '0s 0s');
  await context.close();
});
