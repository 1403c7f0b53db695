// Node entry of @featurescope/panel: where the browser bundle is, for servers that serve it.
import { fileURLToPath } from 'node:url';

/** Absolute path of the browser bundle: one ES module that defines the elements. */
export const PANEL_BUNDLE_PATH = fileURLToPath(new URL('./featurescope-panel.js', import.meta.url));

/** The custom elements the bundle defines. */
export const PANEL_TAGS = Object.freeze(['feature-monitor-panel', 'feature-monitor-list', 'feature-monitor-overview']);
