import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { ApiRequestError, getJson, type HistogramBody, type HistoryBody, type StatsBody } from './api.js';
import { formatAge, formatNumber, formatPercent } from './format.js';
import { histogramStyles, renderHistogram } from './histogram-chart.js';
import { LiveConnection, type LiveStatus } from './live-connection.js';
import { renderSparkline, sparklineStyles } from './sparkline.js';
import { driftLabel, themeStyles } from './theme.js';

const STAT_ROWS: readonly [keyof StatsBody, string][] = [
  ['count', 'count'],
  ['mean', 'mean'],
  ['std', 'σ'],
  ['min', 'min'],
  ['p01', 'p01'],
  ['p25', 'p25'],
  ['p50', 'median'],
  ['p75', 'p75'],
  ['p99', 'p99'],
  ['max', 'max'],
];

/**
 * `<feature-monitor-panel feature-name="amount_avg_7d" src="https://monitor:9470">`: one feature's
 * health from a featurescope monitor, live. Stats, freshness, drift state with PSI and p-value, the
 * current window's histogram over the baseline, and PSI / null-rate time series. It refetches when
 * the monitor's event stream announces a cycle (no polling) and says when the monitor is unreachable.
 *
 * Attributes: `feature-name`, `src` (the monitor's base URL; default this page's origin),
 * `theme` (`light` | `dark`; default the user's preference). Theming: `--fm-*` custom properties.
 */
export class FeatureMonitorPanel extends LitElement {
  static override properties = {
    featureName: { type: String, attribute: 'feature-name', reflect: true },
    src: { type: String },
    theme: { type: String, reflect: true },
    _stats: { state: true },
    _histogram: { state: true },
    _history: { state: true },
    _problem: { state: true },
    _live: { state: true },
    _overlay: { state: true },
    _log: { state: true },
    _active: { state: true },
  };

  static override styles = [
    themeStyles,
    histogramStyles,
    sparklineStyles,
    css`
      :host {
        border: 1px solid var(--_border);
        border-radius: var(--fm-radius, 6px);
        padding: 0.75em 1em;
        max-width: 40em;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.5em 1em;
      }
      h2 {
        margin: 0;
        font-size: 1.15em;
        font-family: ui-monospace, monospace;
      }
      .grid {
        display: grid;
        grid-template-columns: minmax(10em, 1fr) 2fr;
        gap: 1em;
        margin-top: 0.5em;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        padding: 0.1em 0.3em;
        border-bottom: 1px solid var(--_border);
      }
      th {
        text-align: left;
        font-weight: normal;
        color: var(--_muted);
      }
      td {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .controls {
        display: flex;
        gap: 1em;
        font-size: 0.9em;
      }
      .series {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 1em;
      }
      @media (max-width: 34em) {
        .grid {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare featureName: string;
  declare src: string;
  declare theme: string | undefined;
  declare _stats: StatsBody | undefined;
  declare _histogram: HistogramBody | undefined;
  declare _history: HistoryBody | undefined;
  declare _problem: ApiRequestError | undefined;
  declare _live: LiveStatus;
  declare _overlay: boolean;
  declare _log: boolean;
  declare _active: number | null;

  #unsubscribe: (() => void) | undefined;
  #loading: Promise<void> | undefined;
  #reload = false;
  #abort = new AbortController();

  constructor() {
    super();
    this.featureName = '';
    this.src = '';
    this._live = 'connecting';
    this._overlay = true;
    this._log = false;
    this._active = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#abort.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    if (changed.has('src') && changed.get('src') !== undefined) this.#connect();
    else if (changed.has('featureName') && changed.get('featureName') !== undefined) {
      this._stats = this._histogram = this._history = this._problem = undefined;
      this._active = null;
      this.#load(); // or, while a load runs, one more round after it
    }
  }

  #connect(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = LiveConnection.for(this.src).subscribe({
      cycle: () => this.#load(),
      status: (status) => {
        this._live = status;
      },
    });
    this.#load();
  }

  /** Fetches stats, histogram and history; a cycle arriving meanwhile triggers one more round. */
  #load(): void {
    if (this.featureName === '') return;
    if (this.#loading !== undefined) {
      this.#reload = true;
      return;
    }
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    const name = encodeURIComponent(this.featureName);
    this.#loading = Promise.all([
      getJson<StatsBody>(this.src, `/api/v1/features/${name}/stats`, signal),
      getJson<HistogramBody>(this.src, `/api/v1/features/${name}/histogram`, signal),
      getJson<HistoryBody>(this.src, `/api/v1/features/${name}/history`, signal),
    ])
      .then(([stats, histogram, history]) => {
        if (name !== encodeURIComponent(this.featureName)) return; // the feature changed meanwhile: the reload fetches it
        this._stats = stats;
        this._histogram = histogram;
        this._history = history;
        this._problem = undefined;
      })
      .catch((error: unknown) => {
        if (error instanceof ApiRequestError && name === encodeURIComponent(this.featureName)) this._problem = error;
      })
      .finally(() => {
        this.#loading = undefined;
        if (this.#reload) {
          this.#reload = false;
          this.#load();
        }
      });
  }

  protected override render(): TemplateResult {
    const s = this._stats;
    const unreachable = this._live === 'unreachable' || this._problem?.kind === 'unreachable';
    const drift = driftLabel(s?.drift?.state ?? null, s?.hasBaseline ?? false);
    return html`<section aria-label=${`Feature ${this.featureName}`} data-cycle=${s?.cycle ?? ''} data-live=${unreachable ? 'unreachable' : this._live}>
      <header>
        <h2>${this.featureName}</h2>
        <span aria-live="polite">
          ${s === undefined ? null : html`<span class="badge drift-badge" data-state=${drift.state} title="drift state">${drift.text}</span>`}
        </span>
        ${s === undefined ? null : html`<span class="muted">cycle ${s.cycle}</span>`}
      </header>
      <div role="status" aria-live="polite">
        ${unreachable ? html`<p class="notice unreachable">Monitor unreachable: showing the last data received. Reconnecting…</p>` : null}
        ${this._problem !== undefined && !unreachable ? html`<p class="notice problem">${this.featureName}: ${this._problem.message}</p>` : null}
      </div>
      ${s === undefined ? (this._problem === undefined ? html`<p class="muted">Loading…</p>` : null) : this.#body(s)}
    </section>`;
  }

  #body(s: StatsBody): TemplateResult {
    const points = this._history?.points ?? [];
    const pValue = s.drift?.pValue ?? s.drift?.ksPValue ?? null;
    return html`
      <p class="freshness">
        <span class="badge" data-state=${s.stale === true ? 'stale' : 'fresh'}>${s.stale === true ? 'stale' : 'fresh'}</span>
        last write <span class="age" data-value=${s.stalenessSeconds ?? ''}>${formatAge(s.stalenessSeconds)}</span> ago
        <span class="muted">(max age ${formatAge(s.maxAgeSeconds)})</span>
      </p>
      <p class="drift">
        PSI <strong class="psi" data-value=${s.drift?.psi ?? ''}>${formatNumber(s.drift?.psi)}</strong>,
        p-value <strong class="p-value" data-value=${pValue ?? ''}>${formatNumber(pValue)}</strong>
        ${s.drift === null ? null : html`<span class="muted">vs baseline of ${formatNumber(s.drift.baselineCount)} values (${s.drift.baselineCapturedAt.slice(0, 16).replace('T', ' ')})</span>`}
      </p>
      <div class="grid">
        <table class="stats">
          <caption class="visually-hidden">Statistics of ${this.featureName} over the last ${formatAge(s.windowSeconds)}</caption>
          <tbody>
            ${STAT_ROWS.map(([key, label]) => html`<tr><th scope="row">${label}</th><td data-key=${key} data-value=${(s[key] as number | null) ?? ''}>${formatNumber(s[key] as number | null)}</td></tr>`)}
            <tr><th scope="row">nulls</th><td data-key="nullRatio" data-value=${s.nullRatio ?? ''}>${formatPercent(s.nullRatio)}</td></tr>
          </tbody>
        </table>
        <div>
          <div class="controls">
            <label><input type="checkbox" name="overlay" .checked=${this._overlay} ?disabled=${this._histogram?.baselineTotal === null} @change=${(e: Event) => (this._overlay = (e.target as HTMLInputElement).checked)} /> baseline overlay</label>
            <label><input type="checkbox" name="log" .checked=${this._log} @change=${(e: Event) => (this._log = (e.target as HTMLInputElement).checked)} /> log scale</label>
          </div>
          ${this._histogram === undefined
            ? null
            : renderHistogram({
                feature: this.featureName,
                bins: this._histogram.bins,
                total: this._histogram.total,
                baselineTotal: this._histogram.baselineTotal,
                overlay: this._overlay,
                log: this._log,
                active: this._active,
                onActive: (index) => (this._active = index),
              })}
        </div>
      </div>
      <div class="series">
        ${renderSparkline('PSI', points.map((p) => p.psi))}
        ${renderSparkline('null rate', points.map((p) => p.nullRatio), formatPercent)}
      </div>`;
  }
}
