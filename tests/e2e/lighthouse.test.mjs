// Lighthouse (npm, pinned in package.json) accessibility category against the served
// release build, in Debian's Chromium through chrome-launcher: the score must be ≥ 0.95
// in the light and the dark theme. Failing audits are printed with the elements they name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { BASE, shot } from './helpers.mjs';

const MIN_SCORE = 0.95;

/** Audits of the accessibility category that did not pass, as readable lines. */
function failing(lhr) {
  return lhr.categories.accessibility.auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => {
      const items = (a.details?.items || []).slice(0, 6).map((i) => `      ${i.node?.selector || ''} ${i.node?.explanation ? `— ${i.node.explanation.split('\n')[0]}` : ''}`);
      return [`  ${a.id}: ${a.title}`, ...items].join('\n');
    });
}

for (const scheme of ['light', 'dark']) {
  test(`Lighthouse accessibility ≥ ${MIN_SCORE} on the release build (${scheme})`, { timeout: 180_000 }, async () => {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const url = `${BASE}?theme=${scheme}`;
      const result = await lighthouse(url, {
        port: chrome.port,
        onlyCategories: ['accessibility'],
        output: 'json',
        logLevel: 'error',
        // Wait for the app (wasm) to draw, not only for the load event.
        maxWaitForLoad: 60_000,
      });
      assert.ok(result?.lhr, 'Lighthouse returned no report');
      const { lhr } = result;
      assert.deepEqual(lhr.runtimeError ?? null, null, JSON.stringify(lhr.runtimeError));
      const score = lhr.categories.accessibility.score;
      const fails = failing(lhr);
      writeFileSync(shot(`lighthouse-a11y-${scheme}.json`), JSON.stringify({ url, score, version: lhr.lighthouseVersion, failing: fails }, null, 2));
      console.log(`Lighthouse ${lhr.lighthouseVersion} accessibility (${scheme}): ${score}${fails.length ? `\nfailing audits:\n${fails.join('\n')}` : ', no failing audit'}`);
      // The page audited really was the drawn app, not its loading shell: rules about
      // selects and tables only pass when the filters and the register are there.
      assert.ok(lhr.finalDisplayedUrl.startsWith(BASE), lhr.finalDisplayedUrl);
      const passed = new Set((result.artifacts.Accessibility?.passes || []).map((p) => p.id));
      for (const rule of ['select-name', 'button-name', 'td-has-header', 'color-contrast']) {
        assert.ok(passed.has(rule), `axe rule ${rule} did not run on content (passes: ${[...passed].join(', ')})`);
      }
      assert.ok(score >= MIN_SCORE, `accessibility score ${score} < ${MIN_SCORE}\n${fails.join('\n')}`);
    } finally {
      await chrome.kill();
    }
  });
}
