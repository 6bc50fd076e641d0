// Links reproduce a view; Back and Forward move between states; a hostile or stale link
// degrades part by part, never to a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, shot, waitForSearch, waitForValue, waitForText, BASE, URL_REPLACE_WINDOW_MS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const title = (page) => page.textContent('[data-testid="timeline-title"]');

test('a permalink opens exactly that view', async () => {
  const { page, context, problems } = await openApp(browser, {
    query: '?supplier=Russia&recipient=Myanmar&years=2000-2024&stack=category',
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Russia to Myanmar'));
  assert.equal(await title(page), 'Arms deliveries from Russia to Myanmar by category, 1950–2024, SIPRI TIV');
  assert.equal(await page.inputValue('[data-testid="filter-supplier"]'), 'Russia');
  assert.equal(await page.inputValue('[data-testid="filter-recipient"]'), 'Myanmar');
  assert.equal(await page.inputValue('[data-testid="filter-year-from"]'), '2000');
  assert.equal(await page.getAttribute('[data-testid="stack-category"]', 'aria-pressed'), 'true');
  // The link now pins the data it was made with.
  const pinned = /^\?supplier=Russia&recipient=Myanmar&years=2000-2024&stack=category&data=2024\.2025-[0-9a-f]{12}$/;
  assert.match(await waitForSearch(page, pinned), pinned);
  assert.equal(await page.locator('[data-testid="data-badge"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('back and forward move between states', async () => {
  const { page, context } = await openApp(browser);
  await page.selectOption('[data-testid="filter-supplier"]', 'China');
  await page.waitForFunction(() => location.search.includes('supplier=China'));
  // A URL write within 800 ms of the one before replaces its History entry (changes made
  // close together are one step back): wait until that span, counted from a moment the
  // written URL was already there, has passed on the page's clock, so that the next
  // change gets its own entry.
  const written = await page.evaluate(() => Date.now());
  await page.waitForFunction(([t, span]) => Date.now() - t > span, [written, URL_REPLACE_WINDOW_MS]);
  await page.selectOption('[data-testid="filter-recipient"]', 'Thailand');
  await page.waitForFunction(() => location.search.includes('recipient=Thailand'));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent === 'Arms deliveries from China by supplier, 1950–2024, SIPRI TIV');
  assert.equal(await waitForValue(page, '[data-testid="filter-recipient"]', ''), '');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from China to Thailand'));
  assert.equal(await waitForValue(page, '[data-testid="filter-recipient"]', 'Thailand'), 'Thailand');
  await context.close();
});

test('a hostile link applies what it can and says what it could not', async () => {
  const { page, context, problems } = await openApp(browser, {
    query: '?supplier=Russia&recipient=%3Cscript%3Ealert(1)%3C%2Fscript%3E&years=0-99999&stack=sideways&data=2019-000000000000&zzz=1',
  });
  await page.waitForSelector('[data-testid="url-issues"]');
  const text = await page.textContent('[data-testid="url-issues"]');
  assert.match(text, /“<script>alert\(1\)<\/script>” is not in this dataset/);
  assert.match(text, /outside/);
  assert.match(text, /sideways/);
  assert.match(text, /zzz/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no injected script element');
  assert.match(await title(page), /^Arms deliveries from Russia by supplier/);
  assert.match(await page.textContent('[data-testid="data-badge"]'), /made with other data \(2019-000000000000\)/);
  await page.screenshot({ path: shot('hostile-link-375.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------- issue #15: text from a link is data

test('a title with a bidi override reads in logical order, without the override', async () => {
  const { page, context, problems } = await openApp(browser, {
    width: 700,
    query: '?embed&title=Deliveries %E2%80%AEaissuR morf%E2%80%AC 2024',
  });
  const shown = await page.textContent('[data-testid="embed-title"]');
  assert.equal(shown, 'Deliveries aissuR morf 2024');
  assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/.test(shown), JSON.stringify(shown));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an annotation file outside the page\'s folder is never fetched, and the link says why', async () => {
  for (const query of ['?annotations=../../../x.tsv', '?annotations=%2e%2e/%2e%2e/x.tsv', '?annotations=notes/..%252fx.tsv']) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // The paths asked for (the page's own address has the link, and so the name, in its query).
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    // The annotations the page asks for once it has read the link: the refused path's,
    // or (refused) the default file's.
    const notes = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('.tsv'));
    await page.goto(BASE + query);
    const asked = new URL((await notes).url()).pathname;
    assert.match(asked, /\/assets\/annotations\/myanmar\.tsv$/, `${query}: fetched ${asked}`);
    assert.deepEqual(requested.filter((u) => /x\.tsv/.test(u)), [], query);
    const issues = await waitForText(page, '[data-testid="url-issues"]', /annotations/);
    assert.match(issues, /annotations — “.*x\.tsv” (climbs out of this page's folder|contains a percent escape)/, query);
    await context.close();
  }
});
