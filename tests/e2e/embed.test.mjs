// Embed mode end to end: permalinks in embed show exactly that view; the sample article
// (tests/e2e/fixtures/article.html, served from ANOTHER origin than the graphic) embeds
// the graphic and the iframe follows its content's height at several widths and after a
// change; messages from elsewhere are ignored; the "Copy embed code" dialog. How compact
// each view's embed is, and the dialog's view and width pickers with their preview:
// embed-compact.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import {
  launch, openApp, cspViolations, shot, BASE, until, waitForCount, waitForSearch, waitForValue, waitForFocus, nextFrames,
  armEvent, openFilters,
} from './helpers.mjs';

const GRAPHIC_ORIGIN = new URL(BASE).origin;
let browser;
let server;
let HOST; // the article's origin: localhost:<port>, not 127.0.0.1

before(async () => {
  browser = await launch();
  const dir = new URL('./fixtures/', import.meta.url);
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    const files = { '/article.html': 'text/html; charset=utf-8', '/article.css': 'text/css; charset=utf-8' };
    if (!files[path]) { res.writeHead(404); res.end('not found'); return; }
    const body = readFileSync(new URL('.' + path, dir), 'utf8').replaceAll('__GRAPHIC__', BASE);
    res.writeHead(200, {
      'content-type': files[path],
      // The host page's own strict policy: scripts and frames only from the graphic.
      'content-security-policy': `default-src 'self'; script-src ${GRAPHIC_ORIGIN}; frame-src ${GRAPHIC_ORIGIN}; style-src 'self'`,
    });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, r));
  HOST = `http://localhost:${server.address().port}`;
  assert.notEqual(new URL(HOST).origin, GRAPHIC_ORIGIN);
});
after(async () => { await browser?.close(); server?.close(); });

async function openArticle(width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(GRAPHIC_ORIGIN) && !u.startsWith(HOST) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another origin: ${u}`);
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${HOST}/article.html`);
  const iframe = page.locator('iframe[data-arms-atlas]');
  // The graphic inside the iframe (the wait follows the frame as it attaches and loads).
  await page.frameLocator('iframe[data-arms-atlas]').locator('[data-testid="timeline-canvas"]').waitFor();
  const frame = await (await iframe.elementHandle()).contentFrame();
  assert.ok(frame, 'the iframe has its document');
  await frame.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]')?.textContent.length > 0);
  return { page, context, frame, iframe, problems };
}

/** Waits until the iframe's height equals its content's height (±2 px); returns both.
 *  The graphic's window is the iframe's box (it has no border), so its `innerHeight` is
 *  the height the article gave the iframe: the wait is for the two to agree, seen from
 *  inside; then both are measured, the iframe from the article (again, should the
 *  content have moved on in between). */
async function settled(frame, iframe) {
  let last;
  for (let i = 0; i < 5; i++) {
    await until(frame, ({ any }) => {
      const content = Math.ceil(document.documentElement.getBoundingClientRect().height);
      return any || Math.abs(content - window.innerHeight) <= 2 ? { value: true } : null;
    });
    const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const box = await iframe.boundingBox();
    last = { content, frame: box.height, width: box.width };
    if (Math.abs(content - box.height) <= 2) break;
  }
  return last;
}

for (const width of [300, 320, 700, 1200]) {
  test(`the sample article's iframe follows the graphic's height at ${width} px`, async () => {
    const { page, context, frame, iframe, problems } = await openArticle(width);
    const s = await settled(frame, iframe);
    assert.ok(Math.abs(s.content - s.frame) <= 2, `iframe ${s.frame}px vs content ${s.content}px`);
    assert.ok(s.frame > 350 && s.frame !== 600, `height ${s.frame} was not set from the content`);
    assert.ok(Math.abs(s.width - Math.min(width, 1200)) <= 1, `iframe is ${s.width}px wide`);
    // Chromeless: title, the story's step control, one view, credit; no filter panel.
    assert.match(await frame.textContent('[data-testid="embed-title"]'), /^Arms deliveries to Myanmar, 1950–2024$/);
    assert.equal(await frame.locator('[data-testid="filter-supplier"]').count(), 0);
    assert.equal(await frame.locator('[data-testid="view-flowmap"]').count(), 0);
    assert.match(await frame.textContent('[data-testid="credit"]'), /Information from the SIPRI Arms Transfers Database, https:\/\/www\.sipri\.org\/databases\/armstransfers/);
    assert.match(await frame.textContent('[data-testid="embed-tiv-note"]'), /not dollars/);
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the graphic is ${overflow}px wider than its iframe`);
    if (width === 320 || width === 700) {
      // The graphic as the iframe shows it, opened at the iframe's width (an element
      // screenshot of a cross-origin iframe taller than the viewport comes out blank).
      const solo = await context.newPage();
      await solo.setViewportSize({ width: Math.round(s.width), height: Math.round(s.frame) });
      await solo.goto(frame.url());
      await solo.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]')?.textContent.length > 0);
      // For the screenshot: the chart drawn (the app marks its first drawing) with its
      // annotations, which come after the data (their list is filled then), and painted.
      await solo.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0);
      await waitForCount(solo, '[data-testid="annotations"] .notes-list li', { min: 1 });
      await nextFrames(solo, 2);
      await solo.screenshot({ path: shot(`embed-${width}.png`), fullPage: true });
      console.log(`screenshot: ${shot(`embed-${width}.png`)}`);
      await solo.close();
      await page.screenshot({ path: shot(`article-${width}.png`) });
    }
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(await frame.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('after a change inside the graphic the iframe resizes; other origins are ignored', async () => {
  const { page, context, frame, iframe, problems } = await openArticle(700);
  const first = await settled(frame, iframe);
  // A content change: open "Notes and method"; the graphic grows, then the iframe.
  await frame.click('[data-testid="embed-details"] summary');
  await until(frame, ({ h, any }) => (any || Math.ceil(document.documentElement.getBoundingClientRect().height) > h + 100 ? { value: true } : null), { h: first.content });
  const second = await settled(frame, iframe);
  assert.ok(second.content > first.content + 100, `content ${first.content} → ${second.content}`);
  assert.ok(Math.abs(second.content - second.frame) <= 2, `iframe ${second.frame} vs ${second.content}`);
  // Step 4 of the story: the map replaces the timeline, and the height follows.
  await frame.click('[data-testid="story-step-4"] button');
  await frame.waitForSelector('[data-testid="view-flowmap"]');
  const third = await settled(frame, iframe);
  assert.ok(Math.abs(third.content - third.frame) <= 2, `iframe ${third.frame} vs ${third.content}`);
  // A forged message from the article's own origin (not the graphic) is ignored: checked
  // once the message has reached a listener added after the host script's, on the same
  // window (listeners run in the order they were added; the host sizes the iframe in its
  // listener, at once).
  const delivered = await armEvent(page, 'message');
  await page.evaluate(() => window.postMessage({ type: 'arms-atlas:resize', height: 77 }, '*'));
  await delivered();
  assert.equal((await iframe.boundingBox()).height, third.frame);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed permalink shows exactly that view', async () => {
  const { page, context, problems } = await openApp(browser, {
    width: 700,
    query: '?supplier=Russia&recipient=Myanmar&stack=category&view=timeline&embed',
  }).catch(async (e) => { throw e; });
  assert.match(await page.textContent('[data-testid="embed-title"]'), /^Arms deliveries from Russia to Myanmar, 1950–2024$/);
  assert.match(await page.textContent('[data-testid="timeline-title"]'), /by category/);
  const legend = await page.textContent('[data-testid="timeline-legend"]');
  assert.match(legend, /Aircraft/);
  assert.equal(await page.locator('[data-testid="filter-supplier"]').count(), 0);
  assert.equal(await page.locator('[data-testid="view-flowmap"]').count(), 0);
  // The link keeps every parameter (and gains the data pin, written a moment after the
  // data is shown).
  const pinned = /^\?supplier=Russia&recipient=Myanmar&stack=category&view=timeline&embed&data=/;
  assert.match(await waitForSearch(page, pinned), pinned);
  assert.deepEqual(problems, []);
  await context.close();

  // view=map: only the flow map; controls=1: the filter panel; title= is text, not markup.
  const ctx2 = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const p2 = await ctx2.newPage();
  await p2.goto(BASE + '?recipient=Myanmar&view=map&embed&controls=1&title=%3Cb%3EMyanmar%3C%2Fb%3E+imports');
  await p2.waitForSelector('[data-testid="view-flowmap"]');
  assert.equal(await p2.locator('[data-testid="view-timeline"]').count(), 0);
  // Up to 899 px the filters sit behind their "Filters" button, in an embed as on the page.
  await openFilters(p2);
  await p2.waitForSelector('[data-testid="filter-supplier"]');
  assert.equal(await p2.textContent('[data-testid="embed-title"]'), '<b>Myanmar</b> imports');
  assert.equal(await p2.locator('[data-testid="embed-title"] b').count(), 0);
  await ctx2.close();
});

test('"Copy embed code" gives an iframe snippet for the current view', async () => {
  const { page, context, problems } = await openApp(browser, { width: 1440, query: '?recipient=Myanmar' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: GRAPHIC_ORIGIN });
  await page.click('[data-testid="embed-open"]');
  await page.waitForSelector('[data-testid="embed-dialog"][open]');
  const code = await page.inputValue('[data-testid="embed-code"]');
  const base = BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The view picked in the dialog (the timeline unless the link names another) and the
  // width (the article's column unless another is picked).
  assert.match(code, new RegExp(`^<iframe src="${base}\\?recipient=Myanmar&amp;view=timeline&amp;embed&amp;data=[0-9.]+-[0-9a-f]{12}" title="Arms deliveries to Myanmar, 1950–2024" loading="lazy" width="100%" height="[0-9]+"`));
  assert.match(code, new RegExp(`<script src="${base}assets/embed-host.js" async></script>$`));
  await page.fill('[data-testid="embed-title-input"]', 'Who arms Myanmar');
  assert.match(await waitForValue(page, '[data-testid="embed-code"]', /&amp;title=Who\+arms\+Myanmar/), /&amp;title=Who\+arms\+Myanmar/);
  await page.click('[data-testid="embed-copy"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="embed-copy-status"]').textContent.length > 0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.inputValue('[data-testid="embed-code"]'));
  // Escape closes it and focus goes back to the button.
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="embed-dialog"]:not([open])', { state: 'attached' });
  assert.equal(await waitForFocus(page, 'embed-open'), 'embed-open');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
