// `cargo xtask bench`: measures Arms Atlas in headless Chromium against the release dist/
// served on 127.0.0.1. A benchmark, not a test: it prints a table and writes JSON.
//
// Scenarios: the bundled subset; the full per-year register of SIPRI's 2024 release
// (two files, 59,157 rows, from ATLAS_DATA); and 10x that (synthetic, generated here
// with a fixed seed). For each: bytes, cold load to first chart (median of fresh loads),
// filter change to repaint over a seeded sequence of 40+ changes (p50/p95/max, measured to
// the second animation frame after the change), where the time goes (the app's own
// performance.measure entries), and wasm + JS memory.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BASE = process.env.ATLAS_URL;
const DIST = process.env.ATLAS_DIST;
const DATA = process.env.ATLAS_DATA || '../shared/data/sipri';
const OUT = process.env.ATLAS_BENCH_OUT || 'bench-results';
const LOADS = Number(process.env.ATLAS_BENCH_LOADS || 7);
const CHANGES = Number(process.env.ATLAS_BENCH_CHANGES || 48);
const RAW = join(DATA, 'raw');
const FULL = [
  'sipri_transfers_per_delivery_year_1950-1989_generated_2024-04-16.csv',
  'sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv',
];

function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const median = (xs) => pct(xs, 0.5);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** 10 copies of the full register with fresh deal ids and jittered TIV (seeded). */
function synthetic(dir) {
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(20261128);
  const files = [];
  for (let k = 0; k < 10; k++) {
    for (const [j, name] of FULL.entries()) {
      const lines = readFileSync(join(RAW, name), 'latin1').split('\n');
      const h = lines.findIndex((l) => l.startsWith('SIPRI AT Database ID'));
      const out = lines.slice(0, h + 1);
      for (const l of lines.slice(h + 1)) {
        if (!l.trim()) continue;
        const f = l.split(',');
        f[0] = String(Number(f[0]) + (k + 1) * 1000000);
        f[15] = (Number(f[15]) * (0.5 + rand())).toFixed(2);
        out.push(f.join(','));
      }
      const p = join(dir, `synthetic-${k}-${j}.csv`);
      writeFileSync(p, out.join('\n'));
      files.push(p);
    }
  }
  return files;
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

async function firstChart(page) {
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-chart').length > 0, null, { timeout: 60000 });
  return page.evaluate(() => performance.getEntriesByName('atlas:first-chart')[0].startTime);
}

async function memory(page) {
  return page.evaluate(async () => {
    // The glue the page runs (its name is content-hashed; importing it again gives the same module).
    const url = performance.getEntriesByType('resource').map((e) => e.name)
      .find((n) => /\/arms-atlas(-[0-9a-f]{16})?\.js$/.test(new URL(n).pathname));
    const glue = await import(url);
    return { wasm: glue.atlas_wasm_memory_bytes(), js: performance.memory ? performance.memory.usedJSHeapSize : null };
  });
}

async function loadFiles(page, files) {
  const t0 = Date.now();
  await page.setInputFiles('[data-testid="load-file"]', files);
  await page.waitForSelector('[data-testid="load-summary"]', { timeout: 600000 });
  await page.waitForFunction(() => performance.getEntriesByName('atlas:draw:timeline').length > 1);
  return Date.now() - t0;
}

/** A seeded sequence of filter changes through the data-testid controls. */
async function filterSequence(page, n, seed) {
  const rand = mulberry32(seed);
  const opts = await page.evaluate(() => {
    const vals = (id) => [...document.querySelectorAll(`[data-testid="${id}"] option`)].map((o) => o.value);
    return { supplier: vals('filter-supplier'), recipient: vals('filter-recipient'), category: vals('filter-category') };
  });
  await page.evaluate(() => performance.clearMeasures());
  const times = [];
  const work = [];
  const changes = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    let action;
    if (r < 0.3) action = { id: 'filter-supplier', value: opts.supplier[Math.floor(rand() * Math.min(opts.supplier.length, 25))] };
    else if (r < 0.6) action = { id: 'filter-recipient', value: opts.recipient[Math.floor(rand() * Math.min(opts.recipient.length, 40))] };
    else if (r < 0.75) action = { id: 'filter-category', value: opts.category[Math.floor(rand() * opts.category.length)] };
    else if (r < 0.9) action = { id: 'filter-year-from', value: String(1950 + Math.floor(rand() * 60)) };
    else action = { id: 'filter-year-to', value: String(2024) };
    const ms = await page.evaluate(async ({ id, value }) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      const t0 = performance.now();
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
      // The app's work (reactive updates, DOM, canvas drawing) runs in the change handler
      // and the microtasks it queues; a zero-delay task runs after all of them.
      await new Promise((res) => setTimeout(res, 0));
      const settled = performance.now() - t0;
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      return [performance.now() - t0, settled];
    }, action);
    times.push(ms[0]);
    work.push(ms[1]);
    changes.push({ ...action, ms: Math.round(ms[0] * 10) / 10, work_ms: Math.round(ms[1] * 10) / 10 });
  }
  const phases = await page.evaluate(() => {
    const by = {};
    for (const m of performance.getEntriesByType('measure')) (by[m.name] ||= []).push(m.duration);
    return by;
  });
  const phaseStats = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, { n: v.length, mean: v.reduce((a, b) => a + b, 0) / v.length, max: Math.max(...v) }]));
  return {
    p50: pct(times, 0.5), p95: pct(times, 0.95), max: Math.max(...times), n: times.length,
    // Change → the app's work done (before the browser's own style, layout and paint).
    work: { p50: pct(work, 0.5), p95: pct(work, 0.95), max: Math.max(...work) },
    phases: phaseStats,
    // Every change in order, so a slow one can be traced back to what it did.
    changes,
  };
}

function distBytes(urls) {
  const rows = [];
  for (const u of urls) {
    const rel = decodeURIComponent(new URL(u).pathname.replace(new URL(BASE).pathname, '')) || 'index.html';
    const p = join(DIST, rel.endsWith('/') || rel === '' ? 'index.html' : rel);
    if (!existsSync(p)) continue;
    const raw = statSync(p).size;
    const br = existsSync(`${p}.br`) ? statSync(`${p}.br`).size : raw;
    rows.push({ file: rel, raw, brotli: br });
  }
  return rows;
}


/** Self time (ms) on the page's main thread by kind of work, from Chromium trace events. */
function mainThreadBreakdown(events) {
  const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let main = null; let most = -1;
  for (const n of names) {
    const c = events.filter((e) => e.pid === n.pid && e.tid === n.tid && e.ph === 'X').length;
    if (c > most) { most = c; main = n; }
  }
  if (!main) return {};
  const xs = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: each event's duration minus its children's (events nest on one thread).
  const self = new Map();
  const stack = [];
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent, (self.get(parent) ?? parent.dur) - e.dur);
    self.set(e, self.get(e) ?? e.dur);
    stack.push(e);
  }
  const kind = (n) => {
    if (/wasm.*[Cc]ompile|[Cc]ompile.*wasm/.test(n)) return 'wasm compile';
    if (/GC|Scavenge|MarkCompact|Weakness/i.test(n)) return 'gc';
    if (/FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|FireAnimationFrame|EventDispatch|Microtask|AsyncTask|HandlePostMessage|FireIdleCallback/.test(n)) return 'script';
    if (/UpdateLayoutTree|RecalculateStyles|recalcStyle|rebuildLayoutTree|ParseAuthorStyleSheet|Style/i.test(n)) return 'style';
    if (/Layout|ShapeText|SetTextWithOffset|InlineNode/i.test(n)) return 'layout';
    if (/Paint|Layerize|UpdateLayer|Raster|Compositing|CullRect|Canvas|ImageDecode/i.test(n)) return 'paint & canvas';
    if (/[Cc]ommit|BeginMainFrame|Frame::|MainFrame/.test(n)) return 'frame & commit';
    if (/FrameLoader|Navigation|History/.test(n)) return 'history (URL)';
    if (/Accessibility/.test(n)) return 'accessibility tree';
    if (/ParseHTML|DocumentLoader|NavigationBodyLoader|Resource/.test(n)) return 'html & loading';
    if (/RunTask|ThreadController|mojo|Scheduler/i.test(n)) return 'task overhead';
    return null;
  };
  const out = {};
  for (const [e, t] of self) {
    const k = kind(e.name) ?? 'other';
    out[k] = (out[k] || 0) + Math.max(0, t) / 1000;
  }
  return out;
}

async function traced(page, context, body) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,v8.wasm,loading,toplevel,blink,cc', transferMode: 'ReportEvents' });
  await body();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return events;
}

const fmtBreakdown = (b, per = 1) => Object.entries(b).filter(([, v]) => v / per >= 0.05).sort((x, y) => y[1] - x[1])
  .map(([k, v]) => `${k} ${(v / per).toFixed(1)}`).join(', ');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const result = { date: new Date().toISOString(), url: BASE, scenarios: {} };

// Cold loads (bundled subset) and bytes.
const loads = [];
let urls = new Set();
for (let i = 0; i < LOADS; i++) {
  const { context, page } = await newPage(browser);
  page.on('request', (r) => urls.add(r.url()));
  await page.goto(BASE);
  loads.push(await firstChart(page));
  await context.close();
}
const bytes = distBytes([...urls]);
result.bytes = { files: bytes, raw: bytes.reduce((a, b) => a + b.raw, 0), brotli: bytes.reduce((a, b) => a + b.brotli, 0) };
result.cold_load_ms = { median: median(loads), all: loads };
// One more cold load, traced: where the main thread's time goes before the first chart.
{
  const { context, page } = await newPage(browser);
  let first = null;
  const events = await traced(page, context, async () => { await page.goto(BASE); first = await firstChart(page); });
  const marks = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, m.startTime, m.duration]));
  result.cold_load_trace = { first_chart_ms: first, main_thread_ms: mainThreadBreakdown(events), app_phases: marks };
  await context.close();
}

async function scenario(name, files) {
  const { context, page } = await newPage(browser);
  await page.goto(BASE);
  await firstChart(page);
  const s = { memory_after_load: null };
  if (files) s.load_ms = await loadFiles(page, files);
  s.memory_after_load = await memory(page);
  s.filter = await filterSequence(page, CHANGES, 42);
  s.memory_after_sequence = await memory(page);
  // A further, traced run of 16 changes (apart from the timed one: tracing slows the
  // page, script most, so read these as shares rather than times): main-thread time per
  // change by kind of work.
  const TRACED = 16;
  const events = await traced(page, context, () => filterSequence(page, TRACED, 7));
  const b = mainThreadBreakdown(events);
  s.per_change_main_thread_ms = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v / TRACED]));
  result.scenarios[name] = s;
  await context.close();
}
// ATLAS_BENCH_ONLY=cold measures the cold loads and bytes only (a quick look at startup).
const COLD_ONLY = process.env.ATLAS_BENCH_ONLY === 'cold';
if (!COLD_ONLY) await scenario('bundled', null);
if (COLD_ONLY) {
  console.log('ATLAS_BENCH_ONLY=cold: the filter scenarios were not run');
} else if (existsSync(RAW)) {
  await scenario('full register (2024 release, 59,157 rows)', FULL.map((f) => join(RAW, f)));
  await scenario('10x full register (synthetic, 591,570 rows)', synthetic('/tmp/atlas-bench-synthetic'));
} else {
  console.log(`SKIPPED the full-register scenarios: SIPRI data not found at ${RAW}`);
}
await browser.close();

console.log('\nBytes of a cold load (served brotli where the host has .br files):');
for (const b of bytes) console.log(`  ${b.file.padEnd(28)} ${kb(b.raw).padStart(10)} raw ${kb(b.brotli).padStart(10)} brotli`);
console.log(`  ${'TOTAL'.padEnd(28)} ${kb(result.bytes.raw).padStart(10)} raw ${kb(result.bytes.brotli).padStart(10)} brotli`);
console.log(`\nCold load to first chart: median ${result.cold_load_ms.median.toFixed(0)} ms over ${LOADS} fresh loads (${loads.map((x) => x.toFixed(0)).join(', ')})`);
const ct = result.cold_load_trace;
console.log(`  traced load (first chart at ${ct.first_chart_ms.toFixed(0)} ms), main-thread ms: ${fmtBreakdown(ct.main_thread_ms)}`);
console.log(`  app phases: ${ct.app_phases.map(([n, t, d]) => `${n.replace('atlas:', '')} @${t.toFixed(0)}+${d.toFixed(0)}`).join(', ')}`);
console.log('\nscenario (change → 2nd animation frame, ms)      load    p50     p95     max    wasm MB  JS MB (after load → after sequence)');
for (const [name, s] of Object.entries(result.scenarios)) {
  const mb = (m) => `${(m.wasm / 1048576).toFixed(1)}/${m.js ? (m.js / 1048576).toFixed(1) : '?'}`;
  console.log(`${name.padEnd(46)} ${s.load_ms ? (s.load_ms / 1000).toFixed(1) + ' s' : '   - '}  ${s.filter.p50.toFixed(1).padStart(6)} ${s.filter.p95.toFixed(1).padStart(7)} ${s.filter.max.toFixed(1).padStart(7)}   ${mb(s.memory_after_load)} → ${mb(s.memory_after_sequence)}`);
  const w = s.filter.work;
  console.log(`    app work (change → its updates done): p50 ${w.p50.toFixed(1)} ms  p95 ${w.p95.toFixed(1)} ms  max ${w.max.toFixed(1)} ms`);
  for (const [phase, st] of Object.entries(s.filter.phases)) console.log(`    ${phase.padEnd(28)} mean ${st.mean.toFixed(2)} ms  max ${st.max.toFixed(2)} ms  (n=${st.n})`);
  console.log(`    main thread per change (traced, ms): ${fmtBreakdown(s.per_change_main_thread_ms)}`);
  const slow = [...s.filter.changes].sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(`    slowest: ${slow.map((c) => `${c.id.replace('filter-', '')}=${c.value || 'all'} ${c.ms} ms (work ${c.work_ms})`).join('; ')}`);
}
mkdirSync(OUT, { recursive: true });
const file = join(OUT, `bench-${result.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(result, null, 2));
console.log(`\nJSON: ${file}`);
