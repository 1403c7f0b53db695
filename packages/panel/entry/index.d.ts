/** Absolute path of the browser bundle: one ES module that defines the elements. */
export declare const PANEL_BUNDLE_PATH: string;
/** The custom elements the bundle defines. */
export declare const PANEL_TAGS: readonly ['feature-monitor-panel', 'feature-monitor-list', 'feature-monitor-overview'];
