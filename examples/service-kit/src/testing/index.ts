/** Helpers for the examples' integration tests (not used by the services themselves). */
export { startTcpProxy } from './tcp-proxy.js';
export type { TcpProxy } from './tcp-proxy.js';
export { startServiceProcess, waitUntil } from './service-process.js';
export type { ServiceProcess } from './service-process.js';
