import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The TiDB suite needs a TiDB server (FEATURESCOPE_TIDB_URL; README.md § TiDB): it runs when one is
// named (`npm run test:tidb`), and is not collected otherwise, rather than counted as skipped.
const tidb = process.env.FEATURESCOPE_TIDB_URL ? [] : ['test/tidb-conformance.test.ts'];
export default mergeConfig(shared, defineConfig({ test: { exclude: [...configDefaults.exclude, ...tidb] } }));
