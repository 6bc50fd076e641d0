// Static, offline and locked down: the release dist/ served by a plain static server (in
// this file, so the tests can stop it and swap builds) under the strict CSP, from a
// sub-path and from the root. After one visit the service worker keeps the build: the app
// and the user's own dataset work with the network cut and the server gone, and a new
// deploy replaces the old build whole (never old JS with new wasm).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, cspViolations, shot, waitForInk } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = process.env.ATLAS_DIST || join(ROOT, 'dist');
const SUB = '/graphics/2026/arms/';
// The README's headers (Hosting): the CSP, and Cache-Control per file class.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors *";
const HASHED = /-[0-9a-f]{16}\.[^/]+$/;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.atlas': 'application/octet-stream', '.map': 'application/octet-stream',
};

/** The files of a build `sw.js` precaches, and its version, read from the worker itself. */
function buildOf(dir) {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  return {
    version: sw.match(/const BUILD = '([0-9a-f]{16})';/)[1],
    files: JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]),
  };
}

/** Serves `dir` at `prefix` like a plain static host; `stop()` closes every connection. */
async function serve(dir, prefix = SUB) {
  const log = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    log.push(path);
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
    if (path + '/' === prefix) { res.writeHead(301, { ...headers, Location: prefix }); res.end(); return; }
    if (!path.startsWith(prefix)) { res.writeHead(404, headers); res.end('not found'); return; }
    let rel = normalize(path.slice(prefix.length));
    if (rel.startsWith('..')) { res.writeHead(404, headers); res.end('not found'); return; }
    if (rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    let body;
    try { body = readFileSync(join(dir, rel)); } catch { res.writeHead(404, headers); res.end('not found'); return; }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(rel)] || 'application/octet-stream',
      'Cache-Control': HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return {
    url, log,
    stop: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

/** A copy of dist/ without the compressed files (this server sends plain bytes). */
function copyDist(to) {
  cpSync(DIST, to, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
  return to;
}

/** Replaces the contents of `site` by those of `from`, as a deploy would. */
function deploy(from, site) {
  for (const f of readdirSync(site)) rmSync(join(site, f), { recursive: true, force: true });
  cpSync(from, site, { recursive: true });
}

let browser;
let work;
before(async () => {
  assert.ok(existsSync(join(DIST, 'sw.js')), `${DIST} has no sw.js: build it with \`cargo xtask dist\``);
  browser = await launch();
  work = mkdtempSync(join(tmpdir(), 'atlas-offline-'));
});
after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(url).origin;
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
  await page.goto(url);
  await charts(page);
  return { context, page, problems };
}

/** Waits for both charts to be drawn, and checks they have ink. */
async function charts(page) {
  await page.waitForSelector('[data-testid="timeline-canvas"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]')?.textContent.length > 0);
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0);
  await page.waitForSelector('[data-testid="flowmap-canvas"]');
  // The app measures every drawing of the map.
  await page.waitForFunction(() => performance.getEntriesByName('atlas:draw:map').length > 0);
  const timeline = await waitForInk(page, 'timeline-canvas', 2000);
  assert.ok(timeline > 2000, `the timeline canvas is blank (${timeline} inked pixels)`);
  const map = await waitForInk(page, 'flowmap-canvas', 2000);
  assert.ok(map > 2000, `the flow map canvas is blank (${map} inked pixels)`);
}

/** Waits until the service worker controls the page (it has precached before that). */
async function controlled(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
    return navigator.serviceWorker.controller.scriptURL;
  });
}

/** The app's caches (name → URLs), as the page sees Cache Storage. */
async function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    }
    return out;
  });
}

/** Every script, style and wasm the page loaded, relative to `base`. */
async function loadedCode(page, base) {
  const urls = await page.evaluate(() => [
    ...performance.getEntriesByType('resource').map((e) => e.name),
    ...[...document.querySelectorAll('script[src], link[href]')].map((e) => e.src || e.href),
  ]);
  return [...new Set(urls.filter((u) => /\.(js|css|wasm)$/.test(new URL(u).pathname))
    .map((u) => new URL(u).pathname.replace(new URL(base).pathname, '')))].sort();
}

/** Cuts the network both ways: the browser is offline and the server is gone. */
async function cut(context, server) {
  await context.setOffline(true);
  await server.stop();
}

test('dist names only relative URLs, hashed files, and a worker in the page folder', () => {
  const { files, version } = buildOf(DIST);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  for (const m of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
    assert.doesNotMatch(m[1], /^\/|^[a-z]+:\/\/(?!www\.sipri\.org)/, `index.html names ${m[1]}`);
  }
  // The embed host script keeps its name: article pages load it by a stable address.
  const stable = ['assets/embed-host.js'];
  const code = files.filter((f) => /\.(js|css|wasm)$/.test(f) && !stable.includes(f));
  assert.equal(code.length, 6, `glue, wasm, the page's and the embed's CSS, boot.js and the embed frame script: ${code}`);
  for (const f of code) {
    assert.match(f, HASHED, `${f} has no content hash`);
    assert.ok(existsSync(join(DIST, `${f}.br`)) && existsSync(join(DIST, `${f}.gz`)), `${f} has no .br/.gz`);
  }
  for (const f of ['index.html', 'assets/sea.atlas', 'assets/world.map', ...stable, 'assets/annotations/myanmar.tsv']) {
    assert.ok(files.includes(f), `sw.js does not precache ${f}`);
  }
  for (const f of files) assert.ok(existsSync(join(DIST, f)), `sw.js precaches ${f}, which is not in dist`);
  assert.ok(!existsSync(join(DIST, 'assets/sw.js')), 'the worker template is not shipped');
  // Every hashed name index.html, boot.js or the glue uses is one the worker precaches.
  for (const f of ['index.html', ...code.filter((c) => c.endsWith('.js'))]) {
    const text = readFileSync(join(DIST, f), 'utf8');
    for (const m of text.matchAll(/[\w.-]+-[0-9a-f]{16}\.(?:js|css|wasm)/g)) {
      assert.ok(files.some((p) => p.endsWith(m[0])), `${f} names ${m[0]}, not precached by build ${version}`);
    }
    assert.doesNotMatch(text, /["'`]\/(?!\/)[\w-]+\.(?:js|css|wasm|atlas|map)/, `${f} has a root-absolute URL`);
  }
});

for (const prefix of [SUB, '/']) {
  test(`served from ${prefix}: the app runs, the worker takes the page's folder, no stray requests`, async () => {
    const site = copyDist(join(work, `site-${prefix.length}`));
    const server = await serve(site, prefix);
    const { context, page, problems } = await open(server.url);
    const script = await controlled(page);
    assert.equal(script, `${server.url}sw.js`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.url);
    const outside = server.log.filter((p) => !p.startsWith(prefix));
    assert.deepEqual(outside, [], 'requests outside the folder');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
    await server.stop();
  });
}

test('after one visit the app works with the network cut and the server stopped', async () => {
  const site = copyDist(join(work, 'site-offline'));
  const build = buildOf(site);
  const server = await serve(site);
  const { context, page, problems } = await open(server.url);
  await controlled(page);
  const cached = await cacheContents(page);
  const ours = Object.keys(cached).filter((n) => n.startsWith('arms-atlas-app '));
  assert.deepEqual(ours, [`arms-atlas-app ${SUB} ${build.version}`]);
  assert.deepEqual(cached[ours[0]].map((u) => u.replace(server.url, '')).sort(), [...build.files].sort());

  await cut(context, server);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await assert.rejects(fetch(server.url), 'the server is really gone');
  await page.reload();
  await charts(page);
  assert.match(await page.textContent('[data-testid="credit"]'), /Information from the SIPRI Arms Transfers Database/);
  // Filters still work offline: all the data is in the page.
  await page.selectOption('[data-testid="filter-supplier"]', 'Russia');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-title"]').textContent.includes('from Russia'));
  // A link with filters in its query opens offline too.
  await page.goto(`${server.url}?supplier=China`);
  await charts(page);
  assert.match(await page.textContent('[data-testid="timeline-title"]'), /China/);
  for (const f of await loadedCode(page, server.url)) assert.ok(build.files.includes(f), `${f} is not from build ${build.version}`);
  await page.screenshot({ path: shot('offline-1440.png') });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a French reader\'s table is kept by the worker and used offline; the other tables are never fetched', async () => {
  const site = copyDist(join(work, 'site-fr'));
  const build = buildOf(site);
  const tables = JSON.parse(readFileSync(join(site, 'sw.js'), 'utf8').match(/const OPTIONAL = (\[.*\]);/)[1]);
  assert.deepEqual(tables.map((t) => t.match(/^assets\/locales\/([a-z]{2})-[0-9a-f]{16}\.tsv$/)?.[1]).sort(), ['de', 'fr', 'ru'],
    `sw.js lists the three tables apart: ${tables}`);
  for (const t of tables) assert.ok(!build.files.includes(t), `${t} is precached for everyone`);
  const server = await serve(site);
  const { context, page, problems } = await open(`${server.url}?lang=fr`);
  assert.match(await page.textContent('.filters'), /Fournisseur/);
  await controlled(page);
  const cached = await cacheContents(page);
  const ours = Object.keys(cached).find((n) => n.startsWith('arms-atlas-app '));
  const kept = cached[ours].map((u) => u.replace(server.url, '')).filter((u) => u.startsWith('assets/locales/'));
  assert.deepEqual(kept, tables.filter((t) => t.includes('/fr-')), 'the worker keeps the table this reader fetched');
  assert.deepEqual(server.log.filter((p) => /\/locales\/(de|ru)-/.test(p)), [], 'nobody fetched the German or Russian table');
  await cut(context, server);
  await page.reload();
  await charts(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.match(await page.textContent('.filters'), /Fournisseur/);
  assert.match(await page.textContent('[data-testid="timeline-summary"]'), /millions de TIV/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

// A small per-year file in SIPRI's export format, so this test needs no SIPRI download.
const USER_CSV = [
  'SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production',
  '1,Russia,Myanmar,Mi-17,transport helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No',
  '1,Russia,Myanmar,Mi-17,transport helicopter,Aircraft,2010,No,4,No,2012,No,New,5,5,20,No',
  '2,China,Myanmar,K-8,trainer aircraft,Aircraft,2009,No,6,No,2010,No,New,3,3,18,No',
  '3,France,Viet Nam,SA-7,portable SAM,Missiles,2015,No,50,No,2016,Yes,New,0.1,0.1,5,No',
  '4,United States,Philippines,C-130H,transport aircraft,Aircraft,2016,No,2,No,2017,No,Second hand,8,8,16,No',
].join('\n') + '\n';

test('a dataset the user loaded is still there offline', async () => {
  const site = copyDist(join(work, 'site-user'));
  const server = await serve(site);
  const { context, page, problems } = await open(server.url);
  await controlled(page);
  await page.setInputFiles('[data-testid="load-file"]', [{ name: 'offline-test.csv', mimeType: 'text/csv', buffer: Buffer.from(USER_CSV) }]);
  await page.waitForSelector('[data-testid="load-summary"]');
  assert.equal(Number(await page.textContent('[data-testid="rows-used"]')), 5);
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('offline-test.csv'));
  const source = await page.textContent('[data-testid="data-source"]');

  await cut(context, server);
  await page.reload();
  await page.waitForSelector('[data-testid="timeline-canvas"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]')?.textContent.includes('offline-test.csv'));
  assert.equal(await page.textContent('[data-testid="data-source"]'), source);
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-summary"]').textContent.includes('million TIV'));
  // 10 + 20 + 18 + 5 + 16 = 69 million TIV over 2010–2017.
  assert.match(await page.textContent('[data-testid="timeline-summary"]'), /^69 million TIV/);
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0);
  assert.ok(await waitForInk(page, 'timeline-canvas', 1000) > 1000, 'the timeline paints the user data');
  // The worker's caches and the user's are separate: the user's is still one of them.
  assert.ok(Object.keys(await cacheContents(page)).includes('arms-atlas-user-data'));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The label build B's page carries, or null. */
function testBuild(page) {
  return page.evaluate(() => document.querySelector('meta[name="test-build"]')?.content ?? null);
}

/** Appends a custom section to a wasm module: a different, still valid wasm. */
function wasmWithLabel(bytes, label) {
  const name = Buffer.from('arms-atlas-test');
  const payload = Buffer.concat([Buffer.from([name.length]), name, Buffer.from(label)]);
  assert.ok(payload.length < 128);
  return Buffer.concat([bytes, Buffer.from([0, payload.length]), payload]);
}

test('a new deploy replaces the whole build, online and then offline, and keeps the user\'s data', async () => {
  const a = copyDist(join(work, 'build-a'));
  const buildA = buildOf(a);
  // Build B: every code file differs (a label in the wasm, the glue, the stylesheets and the page),
  // then the same post-process as `cargo xtask dist`.
  const b = copyDist(join(work, 'build-b'));
  const wasm = buildA.files.find((f) => f.endsWith('.wasm'));
  writeFileSync(join(b, wasm), wasmWithLabel(readFileSync(join(b, wasm)), 'build B'));
  appendFileSync(join(b, buildA.files.find((f) => /^arms-atlas-[0-9a-f]+\.js$/.test(f))), '\n// build B\n');
  for (const css of buildA.files.filter((f) => f.endsWith('.css'))) {
    appendFileSync(join(b, css), '\n/* build B */\nbody { --test-build: b; }\n');
  }
  appendFileSync(join(b, buildA.files.find((f) => /^assets\/embed-frame-[0-9a-f]+\.js$/.test(f))), '\n// build B\n');
  writeFileSync(join(b, 'index.html'), readFileSync(join(b, 'index.html'), 'utf8')
    .replace('<head>', '<head>\n  <meta name="test-build" content="B" />'));
  execFileSync('cargo', ['xtask', 'rehash', b], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const buildB = buildOf(b);
  assert.notEqual(buildB.version, buildA.version);
  // The page's code (the embed host script keeps its name and is not the page's).
  const code = (build) => build.files.filter((f) => /\.(js|css|wasm)$/.test(f) && f !== 'assets/embed-host.js');
  for (const f of code(buildB)) assert.ok(!buildA.files.includes(f), `${f} is in both builds`);

  const site = join(work, 'site-update');
  cpSync(a, site, { recursive: true });
  const server = await serve(site);
  const { context, page, problems } = await open(server.url);
  await controlled(page);
  await page.setInputFiles('[data-testid="load-file"]', [{ name: 'offline-test.csv', mimeType: 'text/csv', buffer: Buffer.from(USER_CSV) }]);
  await page.waitForSelector('[data-testid="load-summary"]');
  assert.deepEqual(await loadedCode(page, server.url), code(buildA).sort());

  deploy(b, site);
  await page.reload();
  await charts(page);
  // The new page, and only the new build's code, from the first reload on.
  assert.equal(await testBuild(page), 'B', await page.evaluate(() => document.head.outerHTML));
  assert.deepEqual(await loadedCode(page, server.url), code(buildB).sort());
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--test-build').trim()), 'b');
  // The new worker takes over and drops the old build's cache, not the user's data.
  const want = [`arms-atlas-app ${SUB} ${buildB.version}`];
  // Cache Storage is only read asynchronously, which waitForFunction does not wait for:
  // the page itself looks again on every animation frame until the app's caches are
  // the new build's alone (or the time is up: as long as the new worker may take to
  // install and activate).
  const ours = await page.evaluate(async ({ want, timeout }) => {
    const end = performance.now() + timeout;
    for (;;) {
      const keys = (await caches.keys()).filter((k) => k.startsWith('arms-atlas-app '));
      if (JSON.stringify(keys) === JSON.stringify(want) || performance.now() > end) return keys;
      await new Promise((frame) => requestAnimationFrame(frame));
    }
  }, { want, timeout: 30_000 });
  assert.deepEqual(ours, want, 'the new build\'s cache replaced the old one');
  assert.equal(await controlled(page), `${server.url}sw.js`);
  assert.ok(Object.keys(await cacheContents(page)).includes('arms-atlas-user-data'));

  // Offline now: build B from the cache, whole, with the user's data.
  await cut(context, server);
  await page.reload();
  await page.waitForSelector('[data-testid="timeline-canvas"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]')?.textContent.includes('offline-test.csv'));
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation')[0].deliveryType), 'cache-storage');
  assert.equal(await testBuild(page), 'B', await page.evaluate(() => document.head.outerHTML));
  assert.deepEqual(await loadedCode(page, server.url), code(buildB).sort());
  await page.click('[data-testid="use-bundled"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('Bundled subset'));
  await charts(page);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
