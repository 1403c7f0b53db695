import type { CellSummary } from './targets.js';

const COLORS = ['#444444', '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22'];
const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { left: 64, right: 180, top: 28, bottom: 44 };

const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/**
 * A percentile plot (HdrHistogram style) of one cell: x is the percentile on a "nines" scale
 * (0 → p0, 1 → p90, 2 → p99, 3 → p99.9), y the latency on a log scale; one line per variant.
 * Hand-written SVG: no dependencies, diff-friendly.
 */
export function latencyChartSvg(cell: CellSummary): string {
  const series = cell.variants.filter((v) => v.pooled.latenciesUs.some(Number.isFinite));
  const all = series.flatMap((v) => v.pooled.latenciesUs.filter((x) => Number.isFinite(x) && x > 0));
  const lo = Math.log10(Math.max(0.1, Math.min(...all)));
  const hi = Math.log10(Math.max(...all) * 1.05);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (q: number): number => MARGIN.left + (Math.min(3, -Math.log10(1 - q)) / 3) * plotW;
  const y = (us: number): number => MARGIN.top + plotH - ((Math.log10(Math.max(us, 0.1)) - lo) / Math.max(1e-9, hi - lo)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="16" font-size="13" font-weight="bold">${escapeXml(cell.id)} (Node ${escapeXml(cell.node)}): latency by percentile</text>`,
  ];
  for (const [label, q] of [['p0', 0], ['p90', 0.9], ['p99', 0.99], ['p99.9', 0.999]] as const) {
    const px = x(q).toFixed(1);
    parts.push(`<line x1="${px}" y1="${MARGIN.top}" x2="${px}" y2="${MARGIN.top + plotH}" stroke="#dddddd"/>`);
    parts.push(`<text x="${px}" y="${MARGIN.top + plotH + 14}" text-anchor="middle">${label}</text>`);
  }
  for (let decade = Math.ceil(lo); decade <= Math.floor(hi); decade++) {
    const py = y(10 ** decade).toFixed(1);
    const label = decade >= 3 ? `${10 ** (decade - 3)} ms` : `${10 ** decade} µs`;
    parts.push(`<line x1="${MARGIN.left}" y1="${py}" x2="${MARGIN.left + plotW}" y2="${py}" stroke="#dddddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${label}</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888888"/>`);
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">percentile (log of 1 − q); all repetitions pooled</text>`);
  series.forEach((variant, index) => {
    const color = COLORS[index % COLORS.length]!;
    const points = variant.pooled.quantiles
      .map((q, i) => [q, variant.pooled.latenciesUs[i]!] as const)
      .filter(([, us]) => Number.isFinite(us))
      .map(([q, us]) => `${x(q).toFixed(1)},${y(us).toFixed(1)}`)
      .join(' ');
    const dash = variant.status === 'failed' ? ' stroke-dasharray="4 3"' : '';
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.6"${dash} points="${points}"/>`);
    const ly = MARGIN.top + 10 + index * 16;
    parts.push(`<line x1="${WIDTH - MARGIN.right + 12}" y1="${ly}" x2="${WIDTH - MARGIN.right + 32}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${WIDTH - MARGIN.right + 38}" y="${ly}" dominant-baseline="middle">${escapeXml(variant.id + (variant.status === 'failed' ? ' (failed)' : ''))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
