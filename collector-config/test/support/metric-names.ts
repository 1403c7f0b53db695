import { readFileSync } from 'node:fs';
import { TELEMETRY_DOC } from './paths.js';

/** Instrument kinds as docs/telemetry.md names them. */
export type InstrumentKind = 'counter' | 'updowncounter' | 'histogram' | 'gauge';

export interface DocumentedMetric {
  readonly name: string;
  readonly kind: InstrumentKind;
  readonly unit: string;
}

// The unit map of the collector's Prometheus translator (github.com/prometheus/otlptranslator).
const UNIT_WORDS: Record<string, string> = {
  d: 'days', h: 'hours', min: 'minutes', s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds',
  By: 'bytes', KiBy: 'kibibytes', MiBy: 'mebibytes', GiBy: 'gibibytes', TiBy: 'tibibytes',
  KBy: 'kilobytes', MBy: 'megabytes', GBy: 'gigabytes', TBy: 'terabytes',
  m: 'meters', V: 'volts', A: 'amperes', J: 'joules', W: 'watts', g: 'grams', Cel: 'celsius', Hz: 'hertz', '1': '', '%': 'percent',
};
const PER_UNIT_WORDS: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

function tokens(text: string): string[] {
  return text.split(/[^a-zA-Z0-9:]+/).filter((t) => t !== '');
}

/**
 * The name the OpenTelemetry Collector's `prometheus` and `prometheusremotewrite` exporters give
 * a metric with their default translation (UnderscoreEscapingWithSuffixes): non-alphanumerics → `_`,
 * unit word appended unless already present, `{annotation}` units dropped, `_total` on counters,
 * `_ratio` on gauges with unit `1`. Histograms add `_bucket`/`_sum`/`_count` after this base.
 */
export function collectorPrometheusName(metric: DocumentedMetric): string {
  const nameTokens = tokens(metric.name);
  const [main = '', per = ''] = metric.unit.split('/', 2).map((part) => part.trim());
  const mainWord = cleanUnit(main !== '' && !/[{}]/.test(main) ? (UNIT_WORDS[main] ?? main) : '');
  const perWord = cleanUnit(per !== '' && !/[{}]/.test(per) ? `per_${PER_UNIT_WORDS[per] ?? per}` : '');
  if (mainWord !== '' && !nameTokens.includes(mainWord)) nameTokens.push(mainWord);
  if (perWord !== '' && !nameTokens.includes(perWord)) nameTokens.push(perWord);
  if (metric.kind === 'counter') return [...nameTokens.filter((t) => t !== 'total'), 'total'].join('_');
  if (metric.unit === '1' && metric.kind === 'gauge') return [...nameTokens.filter((t) => t !== 'ratio'), 'ratio'].join('_');
  return nameTokens.join('_');
}

/** Invalid characters → `_`, no leading or trailing `_` (the translator's cleanUpUnit). */
function cleanUnit(unit: string): string {
  return unit.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/^_+|_+$/g, '');
}

/**
 * The name @opentelemetry/exporter-prometheus 0.223 (the app's own /metrics) gives a metric:
 * non-alphanumerics → `_`, `_total` on monotonic counters, and no unit suffix.
 */
export function sdkPrometheusName(metric: DocumentedMetric): string {
  const base = metric.name.replace(/[^a-zA-Z0-9_:]/g, '_');
  return metric.kind === 'counter' && !base.endsWith('_total') ? `${base}_total` : base;
}

/** Series names a Prometheus query may use for a metric (histograms: the three sample kinds). */
export function prometheusSeriesNames(base: string, kind: InstrumentKind): string[] {
  return kind === 'histogram' ? [`${base}_bucket`, `${base}_sum`, `${base}_count`] : [base];
}

/**
 * Names the collector's Datadog exporter gives a metric: the OpenTelemetry name unchanged (dots
 * kept, no unit, no `_total`); a histogram is a distribution under its own name plus, with
 * `send_aggregation_metrics: true`, `.count`, `.sum`, `.min` and `.max`.
 */
export function datadogNames(metric: DocumentedMetric): string[] {
  if (metric.kind !== 'histogram') return [metric.name];
  return [metric.name, ...['count', 'sum', 'min', 'max'].map((suffix) => `${metric.name}.${suffix}`)];
}

const KIND_WORDS: Record<string, InstrumentKind> = {
  counter: 'counter',
  'observable counter': 'counter',
  updowncounter: 'updowncounter',
  'up-down counter': 'updowncounter',
  histogram: 'histogram',
  gauge: 'gauge',
  'observable gauge': 'gauge',
};

/**
 * Metrics docs/telemetry.md lists: every markdown table with `metric`, `instrument` and `unit`
 * columns; names are in backticks.
 */
export function readDocumentedMetrics(text = readFileSync(TELEMETRY_DOC, 'utf8')): DocumentedMetric[] {
  const metrics: DocumentedMetric[] = [];
  let columns: string[] | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim());
    if (columns === undefined) {
      columns = cells.map((cell) => cell.toLowerCase());
      continue;
    }
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    const at = (column: string): string | undefined => {
      const index = columns!.indexOf(column);
      return index >= 0 ? cells[index] : undefined;
    };
    const name = /^`([^`]+)`$/.exec(at('metric') ?? '')?.[1];
    const kind = KIND_WORDS[(at('instrument') ?? '').toLowerCase()];
    if (name === undefined || kind === undefined) continue;
    metrics.push({ name, kind, unit: (at('unit') ?? '').replace(/`/g, '') });
  }
  return metrics;
}
