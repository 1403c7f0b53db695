import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { LiveMonitor, normalSample } from './live-monitor.js';
import { readmeEmbedSnippet } from './readme-snippet.js';

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const INTERVAL_SECONDS = 1.5;
const PLOT_HEIGHT = 160; // the histogram's plot area (histogram-geometry.ts CHART.height)
const axeSource = createRequire(import.meta.url)('axe-core').source as string;

let live: LiveMonitor;
let browser: Browser;
let page: Page;
let embedServer: Server;
let embedOrigin: string;
/** Console errors and uncaught exceptions of the main page (CSP refusals show up here too). */
const pageErrors: string[] = [];

interface Bin {
  readonly lower: number | null;
  readonly upper: number | null;
  readonly count: number;
  readonly share: number;
  readonly baselineCount: number;
  readonly baselineShare: number;
}
interface Histogram {
  readonly total: number;
  readonly baselineTotal: number;
  readonly bins: readonly Bin[];
}
interface Stats {
  readonly [key: string]: unknown;
  readonly count: number;
  readonly drift: { readonly psi: number; readonly pValue: number; readonly state: string };
}

async function api<T>(path: string): Promise<T> {
  return (await fetch(`${live.url}${path}`)).json() as Promise<T>;
}

/** The first number of a formatted cell: `9,120` → 9120, `1.20e-40` → 1.2e-40, `12.5%` → 12.5. */
function parsed(text: string): number {
  return Number(/-?[\d,]*\.?\d+(e[-+]?\d+)?/.exec(text)![0].replace(/,/g, ''));
}

async function shot(target: Page, name: string): Promise<void> {
  await target.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** Waits until the panel shows cycle ≥ `cycle` (it refetches on every `cycle` event). */
async function panelAtCycle(target: Page, cycle: number): Promise<number> {
  const section = target.locator('feature-monitor-panel section');
  await expect.poll(async () => Number((await section.getAttribute('data-cycle')) || 0), { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(cycle);
  return Number(await section.getAttribute('data-cycle'));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  embedServer = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><head><title>wiki</title></head><body><main><h1>Fraud features</h1>${readmeEmbedSnippet().replaceAll('http://localhost:9470', live.url)}</main></body></html>`);
  });
  embedServer.listen(0, '127.0.0.1');
  await once(embedServer, 'listening');
  // Another origin than the monitor's 127.0.0.1: the embedding page of the README.
  embedOrigin = `http://localhost:${(embedServer.address() as AddressInfo).port}`;
  live = new LiveMonitor({ intervalSeconds: INTERVAL_SECONDS, corsOrigins: [embedOrigin] });
  await live.start();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${live.url}/#feature=amount_avg_7d`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await live?.close();
  embedServer?.close();
});

describe('the panel in Debian chromium against a monitor on PGlite', { timeout: 120_000 }, () => {
  it('renders the statistics, freshness and drift scores the API serves', async () => {
    const cycle = await panelAtCycle(page, 1);
    const stats = await api<Stats>('/api/v1/features/amount_avg_7d/stats');
    expect(stats.count).toBe(400);
    const cells = await page.locator('feature-monitor-panel td[data-key]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-key'), td.getAttribute('data-value'), td.textContent]));
    expect(cells.map((c) => c[0])).toEqual(['count', 'mean', 'std', 'min', 'p01', 'p25', 'p50', 'p75', 'p99', 'max', 'nullRatio']);
    for (const [key, value, text] of cells) {
      // The data is not changing, so every cycle serves the same statistics.
      const served = stats[key!] as number;
      expect({ key, value: Number(value) }).toEqual({ key, value: served });
      const shown = key === 'nullRatio' ? parsed(text!) / 100 : parsed(text!);
      expect(Math.abs(shown - served), `${key} shown as ${text}`).toBeLessThanOrEqual(Math.abs(served) * 5e-4 + 1e-12);
    }
    expect(Number(await page.locator('feature-monitor-panel .psi').getAttribute('data-value'))).toBe(stats.drift.psi);
    expect(Number(await page.locator('feature-monitor-panel .p-value').getAttribute('data-value'))).toBe(stats.drift.pValue);
    expect(await page.locator('feature-monitor-panel .drift-badge').textContent()).toBe('ok');
    expect(await page.locator('feature-monitor-panel .freshness .badge').textContent()).toBe('fresh');
    expect(cycle).toBeGreaterThanOrEqual(1);
    // The list: every feature with its state, the stale one flagged.
    const rows = await page.locator('feature-monitor-list tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-feature'), tr.querySelectorAll('td')[1]!.textContent.replace(/\s+/g, ' ').trim()]));
    expect(Object.fromEntries(rows)).toEqual({ amount_avg_7d: 'ok', txn_count_24h: 'ok', clicks_5m: 'no baseline stale' });
    await shot(page, '1-rendered');
    expect(pageErrors).toEqual([]);
  });

  it('draws one bar per bin with heights from the served shares, linear and log', async () => {
    await panelAtCycle(page, 1);
    const histogram = await api<Histogram>('/api/v1/features/amount_avg_7d/histogram');
    const bars = page.locator('feature-monitor-panel rect.bar');
    const heights = async (): Promise<number[]> => bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(await bars.count()).toBe(histogram.bins.length);
    expect(await page.locator('feature-monitor-panel rect.baseline').count()).toBe(histogram.bins.length);
    const shares = histogram.bins.map((b) => b.share);
    const all = [...shares, ...histogram.bins.map((b) => b.baselineShare)];
    const top = Math.max(...all);
    (await heights()).forEach((h, i) => expect(h).toBeCloseTo((PLOT_HEIGHT * shares[i]!) / top, 6));

    await page.locator('feature-monitor-panel input[name="log"]').check();
    const floor = Math.min(0.5 / Math.max(histogram.total, histogram.baselineTotal), top / 10);
    const logHeight = (s: number): number => (s <= 0 ? 0 : (PLOT_HEIGHT * Math.max(0, Math.log10(s) - Math.log10(floor))) / (Math.log10(top) - Math.log10(floor)));
    (await heights()).forEach((h, i) => expect(h).toBeCloseTo(logHeight(shares[i]!), 6));
    await shot(page, '2-log-scale');
    await page.locator('feature-monitor-panel input[name="log"]').uncheck();

    await page.locator('feature-monitor-panel input[name="overlay"]').uncheck();
    expect(await page.locator('feature-monitor-panel rect.baseline').count()).toBe(0);
    const currentTop = Math.max(...shares);
    (await heights()).forEach((h, i) => expect(h).toBeCloseTo((PLOT_HEIGHT * shares[i]!) / currentTop, 6));
    await page.locator('feature-monitor-panel input[name="overlay"]').check();
  });

  it('shows a bin’s range, count and share on hover and on keyboard focus', async () => {
    const histogram = await api<Histogram>('/api/v1/features/amount_avg_7d/histogram');
    const k = histogram.bins.findIndex((b) => b.count === Math.max(...histogram.bins.map((x) => x.count)));
    const tooltip = page.locator('feature-monitor-panel .tooltip');
    const check = async (index: number): Promise<void> => {
      const bin = histogram.bins[index]!;
      const lines = (await tooltip.innerText()).split('\n');
      const range = /^range \[(.+), (.+)[)\]]$/.exec(lines[0]!)!;
      // The baseline's rank bins: the outer edges are open (null in the API, ∓∞ in the panel).
      if (bin.lower === null) expect(range[1]).toBe('−∞');
      else expect(Math.abs(parsed(range[1]!) - bin.lower)).toBeLessThanOrEqual(Math.abs(bin.lower) * 5e-4);
      if (bin.upper === null) expect(range[2]).toBe('∞');
      else expect(Math.abs(parsed(range[2]!) - bin.upper)).toBeLessThanOrEqual(Math.abs(bin.upper) * 5e-4);
      expect(lines[1]).toMatch(new RegExp(`^count ${bin.count} \\(`));
      expect(Math.abs(parsed(lines[1]!.slice(lines[1]!.indexOf('(') + 1)) - bin.share * 100)).toBeLessThan(0.01 * bin.share * 100 + 1e-9);
      expect(lines[2]).toMatch(new RegExp(`^baseline ${bin.baselineCount} \\(`));
    };
    await page.locator(`feature-monitor-panel rect.hit[data-bin="${k}"]`).hover();
    await check(k);
    await shot(page, '3-hover');
    await page.mouse.move(0, 0);
    await expect.poll(() => tooltip.count()).toBe(0);

    // Keyboard: Tab reaches the chart's one focusable bin, arrows move between bins.
    await page.locator('feature-monitor-panel rect.hit[data-bin="0"]').focus();
    await check(0);
    await page.keyboard.press('ArrowRight');
    await check(1);
    await page.keyboard.press('End');
    await check(histogram.bins.length - 1);
    const label = await page.locator(`feature-monitor-panel rect.hit[data-bin="${histogram.bins.length - 1}"]`).getAttribute('aria-label');
    expect(label).toMatch(new RegExp(`^bin ${histogram.bins.length} of ${histogram.bins.length}: range .*, count `));
  });

  it('refetches once per monitor cycle (pushed by the event stream), never on a timer', async () => {
    const fetched: string[] = [];
    const onRequest = (request: { url(): string }): void => {
      if (request.url().includes('/api/v1/features/amount_avg_7d/stats')) fetched.push(request.url());
    };
    page.on('request', onRequest);
    const from = await panelAtCycle(page, 1);
    const to = await panelAtCycle(page, from + 3);
    page.off('request', onRequest);
    // One stats request per cycle event (a cycle may finish while a round runs: one extra round at most).
    expect(fetched.length).toBeGreaterThanOrEqual(to - from);
    expect(fetched.length).toBeLessThanOrEqual(to - from + 1);
    // The PSI and null-rate series read the history the API serves.
    const history = await api<{ points: { psi: number; nullRatio: number }[] }>('/api/v1/features/amount_avg_7d/history');
    expect(history.points.length).toBeGreaterThanOrEqual(3);
    const psiLabel = await page.locator('feature-monitor-panel .spark svg').first().getAttribute('aria-label');
    expect(psiLabel).toMatch(/^PSI over the last \d+ cycles: latest /);
  });

  it('opens another feature’s panel from the list with the keyboard, and comes back', async () => {
    const stats = await api<Stats>('/api/v1/features/txn_count_24h/stats');
    expect(stats.nullRatio).toBe(0.1);
    await page.locator('feature-monitor-list tr[data-feature="txn_count_24h"] button.name').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('feature-monitor-panel h2').textContent()).toBe('txn_count_24h');
    await expect.poll(() => page.locator('feature-monitor-panel td[data-key="nullRatio"]').getAttribute('data-value'), { timeout: 10_000 }).toBe('0.1');
    expect(await page.locator('feature-monitor-panel td[data-key="count"]').getAttribute('data-value')).toBe(String(stats.count));
    expect(new URL(page.url()).hash).toBe('#feature=txn_count_24h');
    expect(await page.locator('feature-monitor-list tr[aria-current="true"]').getAttribute('data-feature')).toBe('txn_count_24h');
    await page.locator('feature-monitor-list tr[data-feature="amount_avg_7d"] button.name').click();
    await expect.poll(() => page.locator('feature-monitor-panel td[data-key="count"]').getAttribute('data-value'), { timeout: 10_000 }).toBe('400');
  });

  it('turns the drift badge to "drift" within one cycle after the data shifts, through the event stream', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await live.write('amount_avg_7d', normalSample(400, 75, 10)); // +2.5 σ
    // Cycles that started before the write may have read the old data; the next one must see it.
    const firstCycleAfterShift = live.monitor.health().cycles + 1;
    const started = Date.now();
    await expect.poll(() => page.locator('feature-monitor-panel .drift-badge').textContent(), { timeout: 30_000, interval: 100 }).toBe('drift');
    const seconds = (Date.now() - started) / 1000;
    const shownCycle = Number(await page.locator('feature-monitor-panel section').getAttribute('data-cycle'));
    expect(shownCycle).toBeLessThanOrEqual(firstCycleAfterShift);
    expect(seconds).toBeLessThan(2 * INTERVAL_SECONDS + 10);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // no reload
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    const stats = await api<Stats>('/api/v1/features/amount_avg_7d/stats');
    expect(stats.drift.state).toBe('drift');
    await expect.poll(() => page.locator('feature-monitor-list tr[data-feature="amount_avg_7d"] .badge').first().textContent(), { timeout: 10_000 }).toBe('drift');
    // Sorted by drift: the drifting feature comes first.
    expect(await page.locator('feature-monitor-list tbody tr').first().getAttribute('data-feature')).toBe('amount_avg_7d');
    await shot(page, '4-drift');
  });

  it('shows the monitor unreachable, keeps the last data, and recovers when it comes back', async () => {
    const before = await panelAtCycle(page, 1);
    await live.stopServer();
    const notice = page.locator('feature-monitor-panel .unreachable');
    await notice.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('feature-monitor-panel .drift-badge').textContent()).toBe('drift'); // last data kept
    await page.locator('feature-monitor-list .unreachable').waitFor({ state: 'visible', timeout: 20_000 });
    await shot(page, '5-unreachable');
    await live.startServer(); // same port
    await notice.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.locator('feature-monitor-panel section').getAttribute('data-live')).toBe('live');
    await panelAtCycle(page, before + 1);
    await shot(page, '6-recovered');
  });

  it('embeds cross-origin with the README’s tags when the origin is on the CORS allow-list', async () => {
    const embed = await browser.newPage();
    const errors: string[] = [];
    embed.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    embed.on('pageerror', (e) => errors.push(e.message));
    try {
      await embed.goto(`${embedOrigin}/`);
      await panelAtCycle(embed, 1).catch((error: unknown) => {
        throw new Error(`${String(error)}; page errors: ${errors.join(' | ')}`);
      });
      expect(await embed.locator('feature-monitor-panel .drift-badge').textContent()).toBe('drift');
      await embed.locator('feature-monitor-list tbody tr').first().waitFor();
      await shot(embed, '7-embedded');
    } finally {
      await embed.close();
    }
  });

  it('passes an axe-core scan with no serious or critical violations, light and dark', async () => {
    // A context that lets the test inject axe despite the page's script-src 'self'.
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1100, height: 900 } });
      try {
        const scan = await context.newPage();
        await scan.goto(`${live.url}/#feature=amount_avg_7d`);
        await panelAtCycle(scan, 1);
        await scan.locator('feature-monitor-panel rect.hit[data-bin="3"]').hover(); // tooltip open too
        await scan.addScriptTag({ content: axeSource });
        const result = await scan.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[]; passes: unknown[] }> } }).axe;
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target) })), passes: r.passes.length };
        });
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious, JSON.stringify(result.violations, null, 1)).toEqual([]);
        expect(result.passes).toBeGreaterThan(0);
        await shot(scan, `8-axe-${colorScheme}`);
      } finally {
        await context.close();
      }
    }
  });
});
