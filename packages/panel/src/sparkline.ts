import { css, html, svg, type TemplateResult } from 'lit';
import { formatNumber } from './format.js';

const W = 200;
const H = 40;

export const sparklineStyles = css`
  .spark {
    margin: 0;
  }
  .spark svg {
    display: block;
    width: 100%;
    height: 40px;
  }
  .spark polyline {
    fill: none;
    stroke: var(--_current);
    stroke-width: 1.5;
  }
  .spark figcaption {
    font-size: 0.85em;
  }
`;

/** A small line chart of the last cycles' values (nulls are gaps), with its reading as text. */
export function renderSparkline(label: string, values: readonly (number | null)[], format: (x: number | null) => string = formatNumber): TemplateResult {
  const present = values.filter((v): v is number => v !== null);
  const latest = values.length > 0 ? values[values.length - 1]! : null;
  const top = Math.max(...present, 1e-12);
  const step = values.length > 1 ? W / (values.length - 1) : 0;
  const points = values
    .map((v, i) => (v === null ? null : `${(i * step).toFixed(1)},${(H - 2 - ((H - 4) * v) / top).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  const summary =
    present.length === 0
      ? `${label}: no values yet`
      : `${label} over the last ${values.length} cycles: latest ${format(latest)}, highest ${format(Math.max(...present))}`;
  return html`<figure class="spark">
    <svg viewBox=${`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label=${summary}>
      ${present.length > 0 ? svg`<polyline points=${points}></polyline>` : null}
    </svg>
    <figcaption><span class="muted">${label}</span> ${format(latest)}</figcaption>
  </figure>`;
}
