export { runCli } from './run-cli.js';
export type { CliIo } from './run-cli.js';
export { MONITOR_ENV, DEFAULT_MONITOR_HOST, DEFAULT_MONITOR_PORT } from './settings.js';
