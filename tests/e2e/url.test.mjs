// Links reproduce a view; Back and Forward move between states; a hostile or stale link
// degrades part by part, never to a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, shot, waitForSearch, waitForValue, URL_REPLACE_WINDOW_MS } from './helpers.mjs';

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
