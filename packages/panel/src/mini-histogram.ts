import { html, svg, type TemplateResult } from 'lit';
import { shareScale } from './histogram-geometry.js';

const W = 100;
const H = 24;

/** An inline histogram for a table row: bars of the current window, the baseline as a dashed step line. */
export function renderMiniHistogram(name: string, shares: readonly number[], baselineShares: readonly number[] | null): TemplateResult {
  const n = shares.length;
  if (n === 0) return html`<span class="muted">no values</span>`;
  const scale = shareScale({ shares, baselineShares, log: false, totals: [] }, H - 1);
  const slot = W / n;
  let step = '';
  if (baselineShares !== null) {
    step = baselineShares.map((b, i) => `${i === 0 ? 'M' : 'L'}${(i * slot).toFixed(2)},${(H - scale(b)).toFixed(2)} H${((i + 1) * slot).toFixed(2)}`).join(' ');
  }
  return html`<svg class="mini" viewBox=${`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img"
    aria-label=${`distribution of ${name}${baselineShares === null ? '' : ' against its baseline'}, ${n} bins`}>
    ${shares.map((share, i) => svg`<rect class="bar" x=${i * slot + 0.3} width=${Math.max(0.2, slot - 0.6)} y=${H - scale(share)} height=${scale(share)}></rect>`)}
    ${baselineShares === null ? null : svg`<path class="baseline-step" d=${step}></path>`}
  </svg>`;
}
