import type { CommandRunner } from '../connection/command-runner.js';

/** What the store learned about the server when it was created. */
export interface RedisServerInfo {
  /** `redis_version` from `INFO server`, e.g. `7.0.15`. */
  readonly version: string;
  /** Loaded modules by name with their version number (from `MODULE LIST`). */
  readonly modules: ReadonlyMap<string, number>;
  /** The module that could index vectors (`search` ≥ 2.4 or `vectorset`), if any. */
  readonly vectorModule: string | undefined;
  /** Why vector calls fail with `StoreCapabilityError`: one line, for logs and the error message. */
  readonly vectorUnavailableReason: string;
}

/** RediSearch's first version with VECTOR fields (2.4.0), as MODULE LIST encodes it. */
export const FIRST_SEARCH_VERSION_WITH_VECTORS = 20400;

/**
 * Reads the server version and its modules. Vector indexes come from a module: RediSearch ≥ 2.4
 * (`search`, bundled in Redis Stack and Redis 8) or Redis 8 vector sets (`vectorset`). `MODULE LIST`
 * names them; where it is denied (managed services, ACLs), `FT._LIST` answering at all shows search.
 */
export async function detectServer(runner: CommandRunner): Promise<RedisServerInfo> {
  const info = String(await runner.call(['INFO', 'server']));
  const version = /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  const modules = await listModules(runner);
  const search = modules.get('search') ?? modules.get('ft');
  let vectorModule: string | undefined;
  if (modules.has('vectorset')) vectorModule = 'vectorset';
  else if (search !== undefined && (search >= FIRST_SEARCH_VERSION_WITH_VECTORS || search === 0)) vectorModule = `search ${formatModuleVersion(search)}`;
  const vectorUnavailableReason =
    vectorModule === undefined
      ? `Redis ${version} has no vector index module (MODULE LIST shows neither RediSearch ≥ 2.4 nor vectorset)`
      : `Redis ${version} has ${vectorModule}, but @featurescope/redis does not implement vector search over it yet`;
  return { version, modules, vectorModule, vectorUnavailableReason };
}

async function listModules(runner: CommandRunner): Promise<Map<string, number>> {
  const modules = new Map<string, number>();
  try {
    const reply = await runner.call(['MODULE', 'LIST']);
    for (const entry of Array.isArray(reply) ? reply : []) {
      const fields = pairs(entry);
      const name = fields.get('name');
      if (typeof name === 'string' || Buffer.isBuffer(name)) modules.set(String(name).toLowerCase(), Number(fields.get('ver') ?? 0));
    }
  } catch {
    // MODULE LIST denied: probe the search module directly; version unknown (0).
    try {
      await runner.call(['FT._LIST']);
      modules.set('search', 0);
    } catch {
      // No search module.
    }
  }
  return modules;
}

/** A flat `[key, value, key, value, …]` reply as a map (RESP2), or a map reply as is (RESP3). */
function pairs(entry: unknown): Map<string, unknown> {
  if (entry instanceof Map) return new Map([...entry].map(([k, v]) => [String(k), v as unknown]));
  const map = new Map<string, unknown>();
  if (Array.isArray(entry)) for (let i = 0; i + 1 < entry.length; i += 2) map.set(String(entry[i]), entry[i + 1]);
  return map;
}

/** 20811 → `2.8.11`; 0 (unknown) → `(version unknown)`. */
export function formatModuleVersion(version: number): string {
  if (version <= 0) return '(version unknown)';
  return `${Math.floor(version / 10000)}.${Math.floor(version / 100) % 100}.${version % 100}`;
}
