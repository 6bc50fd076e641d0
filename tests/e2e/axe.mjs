// axe-core (npm) in the page, for the accessibility end-to-end tests.
//
// How it gets in under our strict CSP (script-src 'self', no inline script): the axe
// source is evaluated through the DevTools protocol with `page.evaluate(source)`, which
// the page's CSP does not govern (it is not a <script> element), so the page under test
// keeps its real CSP — no `bypassCSP` needed. `page.addScriptTag({content})` would be an
// inline script and is blocked, as intended.
//
// Reuse: `await checkAxe(page, 'embed, dark')` anywhere a page is open; it fails with a
// readable list of every violation (rule, impact, help, the elements and why).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Puts axe into the page (once per document). */
export async function injectAxe(page) {
  const present = await page.evaluate(() => typeof window.axe === 'object');
  if (!present) await page.evaluate(`${AXE_SOURCE}\n;void 0;`);
  const ok = await page.evaluate(() => typeof window.axe?.run === 'function');
  assert.ok(ok, 'axe-core could not be loaded into the page');
}

/** Runs axe on the whole document (or `context`) and returns its violations, compacted. */
export async function runAxe(page, { context = null, options = {} } = {}) {
  await injectAxe(page);
  return page.evaluate(async ({ context, options }) => {
    const r = await window.axe.run(context || document, { resultTypes: ['violations'], ...options });
    return {
      version: window.axe.version,
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      })),
    };
  }, { context, options });
}

/** One violation per paragraph: rule, impact, what it asks, then each element and why. */
export function formatViolations(violations) {
  return violations.map((v) => [
    `• ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s)`,
    ...v.nodes.slice(0, 8).map((n) => `    ${n.target}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`),
    v.nodes.length > 8 ? `    … and ${v.nodes.length - 8} more` : '',
  ].filter(Boolean).join('\n')).join('\n');
}

/** Fails when axe finds any violation on the page; logs what it checked. */
export async function checkAxe(page, label, opts = {}) {
  const { version, violations } = await runAxe(page, opts);
  const n = violations.reduce((k, v) => k + v.nodes.length, 0);
  console.log(`axe ${version} — ${label}: ${violations.length} rule(s) violated, ${n} element(s)`);
  assert.equal(violations.length, 0, `axe violations (${label}):\n${formatViolations(violations)}`);
}
