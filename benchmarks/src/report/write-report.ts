import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartName, renderMarkdown, type BenchReport } from './markdown.js';
import { latencyChartSvg } from './svg-chart.js';

/**
 * Writes `latest.json`, `latest.md` and the charts (commit these), plus a timestamped copy under
 * `runs/` (git-ignored) so earlier runs stay around for comparison on this machine.
 * @returns the paths written.
 */
export function writeReport(report: BenchReport, outDir: string): string[] {
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const runDir = join(outDir, 'runs', `${stamp}-${report.profile}`);
  mkdirSync(join(outDir, 'charts'), { recursive: true });
  mkdirSync(join(runDir, 'charts'), { recursive: true });
  const written: string[] = [];
  const write = (path: string, content: string): void => {
    writeFileSync(path, content);
    written.push(path);
  };
  const json = JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n';
  const markdown = renderMarkdown(report) + '\n';
  for (const dir of [outDir, runDir]) {
    write(join(dir, 'latest.json'), json);
    write(join(dir, 'latest.md'), markdown);
    for (const cell of report.cells) write(join(dir, chartName(cell.id, cell.node)), latencyChartSvg(cell));
  }
  return written;
}
