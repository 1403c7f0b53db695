import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** collector-config/ */
export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The repository root. */
export const REPO_DIR = join(PACKAGE_DIR, '..');
export const OTELCOL_DIR = join(PACKAGE_DIR, 'otelcol');
export const PROMETHEUS_DIR = join(PACKAGE_DIR, 'prometheus');
export const DASHBOARDS_DIR = join(PACKAGE_DIR, 'dashboards');
export const TELEMETRY_DOC = join(REPO_DIR, 'docs', 'telemetry.md');
