/**
 * The browser bundle's entry: defines `<feature-monitor-panel>`, `<feature-monitor-list>` and
 * `<feature-monitor-overview>` (once, so a page may load the bundle twice).
 */
import { FeatureMonitorList } from './feature-monitor-list.js';
import { FeatureMonitorOverview } from './feature-monitor-overview.js';
import { FeatureMonitorPanel } from './feature-monitor-panel.js';

export { FeatureMonitorList, FeatureMonitorOverview, FeatureMonitorPanel };
export { LiveConnection } from './live-connection.js';
export type { LiveStatus } from './live-connection.js';

const TAGS = {
  'feature-monitor-panel': FeatureMonitorPanel,
  'feature-monitor-list': FeatureMonitorList,
  'feature-monitor-overview': FeatureMonitorOverview,
} as const;

for (const [tag, element] of Object.entries(TAGS)) if (customElements.get(tag) === undefined) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'feature-monitor-panel': FeatureMonitorPanel;
    'feature-monitor-list': FeatureMonitorList;
    'feature-monitor-overview': FeatureMonitorOverview;
  }
}
