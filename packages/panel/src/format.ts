/** Number formatting shared by the components: at most 4 significant digits, never a raw float. */

/** `41.7`, `0.0087`, `9,120`, `1.20e-40`; an em dash for null. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return x.toLocaleString('en-US');
  const magnitude = Math.abs(x);
  if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e6)) return String(Number(x.toPrecision(4)));
  return x.toExponential(2);
}

/** `12.3%` (shares and ratios). */
export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return `${String(Number((x * 100).toPrecision(3)))}%`;
}

/** `4.2 s`, `3 min`, `2.5 h`, `8 d`. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${formatNumber(Number(seconds.toFixed(1)))} s`;
  if (seconds < 3600) return `${formatNumber(Number((seconds / 60).toFixed(1)))} min`;
  if (seconds < 86_400) return `${formatNumber(Number((seconds / 3600).toFixed(1)))} h`;
  return `${formatNumber(Number((seconds / 86_400).toFixed(1)))} d`;
}

/** `[a, b)` with open edges as ∞; the last bin of a histogram is closed. */
export function formatRange(lower: number | null, upper: number | null, closed: boolean): string {
  return `[${lower === null ? '−∞' : formatNumber(lower)}, ${upper === null ? '∞' : formatNumber(upper)}${closed ? ']' : ')'}`;
}
