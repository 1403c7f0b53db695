import { css, html, LitElement, type TemplateResult } from 'lit';
import { themeStyles } from './theme.js';

/**
 * `<feature-monitor-overview src="…">`: the monitor's own page, a {@link FeatureMonitorList} and
 * the panel of the chosen feature (kept in the URL's `#feature=` so it can be linked).
 */
export class FeatureMonitorOverview extends LitElement {
  static override properties = { src: { type: String }, theme: { type: String, reflect: true }, _feature: { state: true } };

  static override styles = [
    themeStyles,
    css`
      :host {
        display: grid;
        gap: 1em;
      }
    `,
  ];

  declare src: string;
  declare theme: string | undefined;
  declare _feature: string;

  readonly #onHash = (): void => {
    this._feature = new URLSearchParams(location.hash.slice(1)).get('feature') ?? '';
  };

  constructor() {
    super();
    this.src = '';
    this._feature = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#onHash();
    window.addEventListener('hashchange', this.#onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
  }

  protected override render(): TemplateResult {
    return html`<feature-monitor-list .src=${this.src} theme=${this.theme ?? ''} selected=${this._feature}
        @feature-select=${(e: CustomEvent<{ name: string }>) => (location.hash = `feature=${encodeURIComponent(e.detail.name)}`)}></feature-monitor-list>
      ${this._feature === ''
        ? html`<p class="muted">Choose a feature for its panel.</p>`
        : html`<feature-monitor-panel .src=${this.src} theme=${this.theme ?? ''} feature-name=${this._feature}></feature-monitor-panel>`}`;
  }
}
