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
export { mysqlMonitorSource } from './sql/mysql-source.js';
export type { MysqlMonitorSourceOptions, MysqlPoolLike } from './sql/mysql-source.js';
export { postgresMonitorSource } from './sql/postgres-source.js';
export type { PgClientLike, PGliteLike, PGliteTransactionLike, PgPoolLike, PostgresMonitorSourceOptions } from './sql/postgres-source.js';
export { openMonitorSource } from './sql/open-source.js';
export type { OpenMonitorSourceOptions } from './sql/open-source.js';
export type { FeatureColumns, MonitorSource, MonitorSystem, SamplingInfo } from './sql/source.js';
export { createMonitorServer } from './http/monitor-server.js';
export type { ApiError, MonitorStateReader } from './http/monitor-server.js';
export { loadMonitorConfigFile, parseMonitorConfig } from './config/config-file.js';
export type { MonitorFileConfig } from './config/config-file.js';
export { parseDuration } from './config/duration.js';
export { runCli } from './cli/run-cli.js';
export type { CliIo } from './cli/run-cli.js';
export { MONITOR_ENV, DEFAULT_MONITOR_HOST, DEFAULT_MONITOR_PORT } from './cli/settings.js';
export { MonitorBaselineError, MonitorConfigError } from './errors.js';
export type { FeatureBaseline } from './baseline/baseline.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';
