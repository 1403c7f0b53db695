export { createStoreMonitor } from './monitor/store-monitor.js';
export type { CaptureBaselineOptions, CapturedBaseline, StoreMonitor } from './monitor/store-monitor.js';
export type {
  BaselineLocation,
  DriftThresholds,
  MonitoredFeature,
  ResolvedMonitorOptions,
  SamplingOptions,
  StoreMonitorOptions,
} from './config/options.js';
export { FEATURE_NAME_PATTERN } from './config/options.js';
export type {
  CheckError,
  CycleOutcome,
  CycleSnapshot,
  DriftReport,
  DriftStateName,
  FeatureReport,
  FreshnessReport,
  HistogramBin,
  MonitorCheck,
  MonitorHealth,
  StatisticsReport,
  WindowQuantiles,
} from './monitor/report.js';
export { formatCycleLine } from './monitor/cycle-line.js';
export { openMonitorSource } from './source/open-source.js';
export type { OpenMonitorSourceOptions } from './source/open-source.js';
export { createMonitorServer } from './http/monitor-server.js';
export type { ApiError, MonitorServerOptions, MonitorStateReader } from './http/monitor-server.js';
export type { EventStreamOptions, StateChangeEvent } from './http/event-stream.js';
export type { HistoryPoint } from './http/feature-history.js';
export type { HistogramView, HistogramViewBin, SourceHistogramBin } from './http/histogram-view.js';
export { loadMonitorConfigFile, parseMonitorConfig } from './config/config-file.js';
export type { MonitorFileConfig } from './config/config-file.js';
export { parseDuration } from './config/duration.js';
export { MonitorBaselineError, MonitorConfigError } from './errors.js';
export type { PreparedBaseline } from './baseline/baseline.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';
