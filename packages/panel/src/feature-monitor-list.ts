import { css, html, LitElement, type TemplateResult } from 'lit';
import { ApiRequestError, getJson, type OverviewBody, type OverviewFeature } from './api.js';
import { formatAge, formatNumber } from './format.js';
import { LiveConnection, type LiveStatus } from './live-connection.js';
import { renderMiniHistogram } from './mini-histogram.js';
import { driftLabel, themeStyles } from './theme.js';

type SortKey = 'drift' | 'name' | 'staleness';

const STATE_RANK: Record<string, number> = { drift: 3, warn: 2, ok: 1 };

/** Worst first: drift, warn, ok, no state; within a state the higher PSI first. */
export function byDrift(a: OverviewFeature, b: OverviewFeature): number {
  return (STATE_RANK[b.driftState ?? ''] ?? 0) - (STATE_RANK[a.driftState ?? ''] ?? 0) || (b.psi ?? -1) - (a.psi ?? -1) || a.name.localeCompare(b.name);
}

/**
 * `<feature-monitor-list src="https://monitor:9470">`: every feature of the monitored table with
 * its drift badge, PSI, freshness and an inline histogram, sortable (worst drift first by default),
 * live. Choosing a feature fires `feature-select` with `detail.name`.
 */
export class FeatureMonitorList extends LitElement {
  static override properties = {
    src: { type: String },
    theme: { type: String, reflect: true },
    selected: { type: String, reflect: true },
    _overview: { state: true },
    _problem: { state: true },
    _live: { state: true },
    _sort: { state: true },
  };

  static override styles = [
    themeStyles,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        padding: 0.25em 0.5em;
        border-bottom: 1px solid var(--_border);
        text-align: left;
      }
      td.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      th button {
        font: inherit;
        font-weight: 600;
        color: inherit;
        background: none;
        border: none;
        padding: 0;
        cursor: pointer;
      }
      tr[aria-current='true'] {
        background: var(--_surface);
      }
      .name {
        font: inherit;
        font-family: ui-monospace, monospace;
        color: var(--_current);
        background: none;
        border: none;
        padding: 0;
        cursor: pointer;
        text-decoration: underline;
      }
      .mini {
        display: block;
        width: 100px;
        height: 24px;
      }
      .mini .bar {
        fill: var(--_current);
      }
      .mini .baseline-step {
        fill: none;
        stroke: var(--_baseline);
        stroke-dasharray: 2 1;
      }
    `,
  ];

  declare src: string;
  declare theme: string | undefined;
  declare selected: string | undefined;
  declare _overview: OverviewBody | undefined;
  declare _problem: ApiRequestError | undefined;
  declare _live: LiveStatus;
  declare _sort: SortKey;

  #unsubscribe: (() => void) | undefined;
  #loading = false;
  #reload = false;

  constructor() {
    super();
    this.src = '';
    this._live = 'connecting';
    this._sort = 'drift';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = LiveConnection.for(this.src).subscribe({
      cycle: () => this.#load(),
      status: (status) => {
        this._live = status;
      },
    });
    this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  #load(): void {
    if (this.#loading) {
      this.#reload = true;
      return;
    }
    this.#loading = true;
    getJson<OverviewBody>(this.src, '/api/v1/overview')
      .then((overview) => {
        this._overview = overview;
        this._problem = undefined;
      })
      .catch((error: unknown) => {
        if (error instanceof ApiRequestError) this._problem = error;
      })
      .finally(() => {
        this.#loading = false;
        if (this.#reload) {
          this.#reload = false;
          this.#load();
        }
      });
  }

  #select(name: string): void {
    this.selected = name;
    this.dispatchEvent(new CustomEvent('feature-select', { detail: { name }, bubbles: true, composed: true }));
  }

  protected override render(): TemplateResult {
    const o = this._overview;
    const unreachable = this._live === 'unreachable' || this._problem?.kind === 'unreachable';
    const rows = [...(o?.features ?? [])].sort(
      this._sort === 'drift' ? byDrift : this._sort === 'name' ? (a, b) => a.name.localeCompare(b.name) : (a, b) => (b.stalenessSeconds ?? Infinity) - (a.stalenessSeconds ?? Infinity),
    );
    const header = (key: SortKey, label: string): TemplateResult =>
      html`<th scope="col" aria-sort=${this._sort === key ? 'descending' : 'none'}><button type="button" @click=${() => (this._sort = key)}>${label}</button></th>`;
    return html`<div data-cycle=${o?.cycle ?? ''} data-live=${unreachable ? 'unreachable' : this._live}>
      <div role="status" aria-live="polite">
        ${unreachable ? html`<p class="notice unreachable">Monitor unreachable: showing the last data received. Reconnecting…</p>` : null}
        ${this._problem !== undefined && !unreachable ? html`<p class="notice">${this._problem.message}</p>` : null}
      </div>
      ${o === undefined
        ? null
        : html`<table>
            <caption class="muted">${o.features.length} features of ${o.table} (${o.system}), cycle ${o.cycle}</caption>
            <thead>
              <tr>${header('name', 'feature')}${header('drift', 'drift')}<th scope="col">PSI</th><th scope="col">distribution</th>${header('staleness', 'last write')}<th scope="col">values</th></tr>
            </thead>
            <tbody>
              ${rows.map((f) => {
                const badge = driftLabel(f.driftState, f.hasBaseline);
                return html`<tr data-feature=${f.name} aria-current=${this.selected === f.name ? 'true' : 'false'}>
                  <td><button type="button" class="name" @click=${() => this.#select(f.name)}>${f.name}</button></td>
                  <td><span class="badge" data-state=${badge.state}>${badge.text}</span>${f.stale === true ? html` <span class="badge" data-state="stale">stale</span>` : null}</td>
                  <td class="num">${formatNumber(f.psi)}</td>
                  <td>${renderMiniHistogram(f.name, f.shares, f.baselineShares)}</td>
                  <td class="num">${formatAge(f.stalenessSeconds)}</td>
                  <td class="num">${formatNumber(f.count)}</td>
                </tr>`;
              })}
            </tbody>
          </table>`}
    </div>`;
  }
}
