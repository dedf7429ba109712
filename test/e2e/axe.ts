// The browser tests' shared parts: Debian's Chromium (never a downloaded browser) and axe-core run in the page.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testApp, type TestApp } from '../helpers.ts';
import { startServer, type Server } from '../../src/server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium not found at ${CHROMIUM}. Install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH; the browser suite does not download browsers.`,
  );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A seeded app served on a local port, and Chromium. close() ends them all (the browser closes its contexts). */
export async function openSuite(): Promise<{ t: TestApp; server: Server; browser: Browser; close(): Promise<void> }> {
  const t = await testApp();
  const server = await startServer(t.p, 0, '127.0.0.1');
  const browser = await launchChromium();
  return {
    t,
    server,
    browser,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      await t.close();
    },
  };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** With JavaScript disabled, evaluate still runs but timer tasks never fire, and axe.run yields with setTimeout;
 *  on such pages (no script of the app ever ran) timers become microtasks for the duration of the check. */
const TIMER_SHIM =
  'window.setTimeout = function (fn) { var a = [].slice.call(arguments, 2); Promise.resolve().then(function () { fn.apply(null, a); }); return 0; }; window.clearTimeout = function () {};';

/** Runs axe-core in the page (evaluate is not subject to the page's CSP) and fails on any WCAG 2.1 A/AA violation. */
export async function assertAxeClean(page: Page, o: { noScript: boolean; label: string }): Promise<void> {
  const script = `${o.noScript ? TIMER_SHIM : ''}${AXE_SOURCE}
;axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
  .then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }))))`;
  const violations = JSON.parse((await page.evaluate(script)) as string) as Violation[];
  const report = violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n')}`,
    )
    .join('\n');
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} WCAG 2.1 A/AA violation(s) on ${o.label}:\n${report}`,
  );
}
