import { css, html, svg, type TemplateResult } from 'lit';
import type { HistogramBinBody } from './api.js';
import { formatNumber, formatPercent, formatRange } from './format.js';
import { CHART, shareScale } from './histogram-geometry.js';

/** What the histogram draws and how. */
export interface HistogramChartInput {
  readonly feature: string;
  readonly bins: readonly HistogramBinBody[];
  readonly total: number;
  readonly baselineTotal: number | null;
  readonly overlay: boolean;
  readonly log: boolean;
  /** Bin under the pointer or keyboard focus. */
  readonly active: number | null;
  onActive(index: number | null): void;
}

const TOP = 8;
const AXIS = 22;

export const histogramStyles = css`
  .chart {
    position: relative;
  }
  .chart svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .bar {
    fill: var(--_current);
  }
  .bar.active {
    fill: var(--_focus);
  }
  .baseline {
    fill: none;
    stroke: var(--_baseline);
    stroke-width: 1.5;
    stroke-dasharray: 4 2;
  }
  .hit {
    fill: transparent;
    outline: none;
  }
  .hit:focus-visible {
    stroke: var(--_focus);
    stroke-width: 2;
  }
  .axis {
    fill: var(--_muted);
    font-size: 11px;
  }
  .tooltip {
    position: absolute;
    top: 0;
    transform: translateX(-50%);
    pointer-events: none;
    padding: 0.3em 0.5em;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_bg);
    color: var(--_fg);
    font-size: 0.85em;
    white-space: nowrap;
    box-shadow: 0 1px 3px rgb(0 0 0 / 20%);
  }
`;

/** Text of a bin's tooltip and accessible name: range, count and share, baseline counterpart. */
export function binDescription(bins: readonly HistogramBinBody[], index: number): string[] {
  const bin = bins[index]!;
  const lines = [`range ${formatRange(bin.lower, bin.upper, index === bins.length - 1)}`, `count ${formatNumber(bin.count)} (${formatPercent(bin.share)})`];
  if (bin.baselineCount !== null) lines.push(`baseline ${formatNumber(bin.baselineCount)} (${formatPercent(bin.baselineShare)})`);
  return lines;
}

/** The interactive SVG histogram: current window bars, baseline outlines, focusable bins with a tooltip. */
export function renderHistogram(input: HistogramChartInput): TemplateResult {
  const { bins } = input;
  const n = bins.length;
  if (n === 0) return html`<p class="muted">No values in the window.</p>`;
  const hasBaseline = bins[0]!.baselineShare !== null;
  const overlay = input.overlay && hasBaseline;
  const scale = shareScale(
    {
      shares: bins.map((b) => b.share),
      baselineShares: overlay ? bins.map((b) => b.baselineShare!) : null,
      log: input.log,
      totals: [input.total, input.baselineTotal ?? 0],
    },
    CHART.height,
  );
  const slot = CHART.width / n;
  const bottom = TOP + CHART.height;
  const focusIndex = input.active ?? 0;
  const move = (event: KeyboardEvent, index: number): void => {
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: n - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(n - 1, next));
    input.onActive(target);
    const svgRoot = (event.currentTarget as SVGElement).ownerSVGElement;
    svgRoot?.querySelector<SVGElement>(`.hit[data-bin="${target}"]`)?.focus();
  };
  const bars = bins.map((bin, i) => {
    const h = scale(bin.share);
    const x = i * slot + CHART.gap / 2;
    const w = Math.max(0.5, slot - CHART.gap);
    const bh = overlay ? scale(bin.baselineShare!) : 0;
    return svg`
      <rect class="bar ${input.active === i ? 'active' : ''}" data-bin=${i} x=${x} y=${bottom - h} width=${w} height=${h}></rect>
      ${overlay ? svg`<rect class="baseline" data-bin=${i} x=${x} y=${bottom - bh} width=${w} height=${bh}></rect>` : null}
      <rect class="hit" data-bin=${i} x=${i * slot} y=${TOP} width=${slot} height=${CHART.height}
        role="img" tabindex=${i === focusIndex ? 0 : -1} aria-label=${`bin ${i + 1} of ${n}: ${binDescription(bins, i).join(', ')}`}
        @mouseenter=${() => input.onActive(i)} @focus=${() => input.onActive(i)} @keydown=${(e: KeyboardEvent) => move(e, i)}></rect>`;
  });
  const first = bins[0]!.lower;
  const last = bins[n - 1]!.upper;
  const tooltip =
    input.active === null || input.active >= n
      ? null
      : html`<div class="tooltip" role="tooltip" style=${`left: ${(((input.active + 0.5) / n) * 100).toFixed(2)}%`}>
          ${binDescription(bins, input.active).map((line) => html`<div>${line}</div>`)}
        </div>`;
  return html`<div class="chart" @mouseleave=${() => input.onActive(null)} @focusout=${() => input.onActive(null)}>
    <svg viewBox=${`0 0 ${CHART.width} ${bottom + AXIS}`} role="group" aria-label=${`Histogram of ${input.feature}: ${n} bins, current window${overlay ? ' over the baseline (dashed)' : ''}${input.log ? ', log scale' : ''}. Use the arrow keys to read the bins.`}>
      <line x1="0" x2=${CHART.width} y1=${bottom + 0.5} y2=${bottom + 0.5} stroke="currentColor" stroke-opacity="0.4"></line>
      ${bars}
      <text class="axis" x="0" y=${bottom + 16}>${first === null ? '−∞' : formatNumber(first)}</text>
      <text class="axis" x=${CHART.width} y=${bottom + 16} text-anchor="end">${last === null ? '∞' : formatNumber(last)}</text>
    </svg>
    ${tooltip}
  </div>`;
}
