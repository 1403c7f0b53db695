import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// docs/panel.png is made on demand (`npm run screenshot`, which sets PANEL_SCREENSHOT), not by `npm test`.
const screenshot = process.env.PANEL_SCREENSHOT ? [] : ['test/screenshot.test.ts'];
export default mergeConfig(shared, defineConfig({ test: { exclude: [...configDefaults.exclude, ...screenshot] } }));
