import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';

/** Where and with what the numbers were measured. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  /** 1-minute load average at start: above the core count means other work competed. */
  readonly loadAverageAtStart: number;
  readonly packages: Readonly<Record<string, string>>;
}

const PACKAGES = [
  '@featurescope/core',
  '@featurescope/quality',
  '@featurescope/postgres',
  '@featurescope/mysql2',
  '@opentelemetry/api',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/instrumentation-mysql2',
  '@opentelemetry/instrumentation-pg',
  'mysql2',
  'pg',
  '@electric-sql/pglite',
];

function versionOf(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    // package.json is not always exported, so find the package directory from its resolved entry.
    const path = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    try {
      let dir = require.resolve(name);
      for (let i = 0; i < 6; i++) {
        dir = dir.slice(0, dir.lastIndexOf('/'));
        try {
          const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { name?: string; version: string };
          if (pkg.name === name) return pkg.version;
        } catch {
          // keep walking up
        }
      }
    } catch {
      // not installed or not built
    }
    return 'not available';
  }
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)])),
  };
}
