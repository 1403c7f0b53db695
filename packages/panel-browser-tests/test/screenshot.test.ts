import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { LiveMonitor, normalSample } from './live-monitor.js';

/**
 * Makes docs/panel.png, the README's screenshot, with the browser the tests use:
 * `npm run screenshot -w @featurescope/panel-browser-tests`. Skipped unless PANEL_SCREENSHOT names the file.
 */
const target = process.env.PANEL_SCREENSHOT;

describe.runIf(target !== undefined && target !== '')('docs/panel.png', () => {
  it('shows amount_avg_7d after a drift, with a bin under the pointer', { timeout: 180_000 }, async () => {
    const live = new LiveMonitor({ intervalSeconds: 1, table: 'feature_values' }) // its own in-memory PGlite: no clash;
    await live.start();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, colorScheme: 'light', deviceScaleFactor: 1 });
      await page.goto(`${live.url}/#feature=amount_avg_7d`);
      const cycle = async (): Promise<number> => Number((await page.locator('feature-monitor-panel section').getAttribute('data-cycle')) || 0);
      await expect.poll(cycle, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
      await live.write('amount_avg_7d', [...normalSample(300, 62, 12), ...normalSample(100, 45, 6)]);
      await live.write('txn_count_24h', Array.from({ length: 300 }, (_, i) => (i % 4 === 0 ? null : (i * 7) % 23)));
      const shifted = live.monitor.health().cycles + 1;
      await expect.poll(cycle, { timeout: 60_000 }).toBeGreaterThanOrEqual(shifted + 4);
      await page.locator('feature-monitor-panel rect.hit[data-bin="12"]').hover();
      await page.locator('main').screenshot({ path: resolve(target!) });
    } finally {
      await browser.close();
      await live.close();
    }
  });
});
