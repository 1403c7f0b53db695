/** Bodies of the monitor's HTTP API that the components read (see @featurescope/monitor's README). */

export type DriftStateName = 'ok' | 'warn' | 'drift';

export interface DriftBody {
  readonly baselineCapturedAt: string;
  readonly baselineCount: number;
  readonly psi: number;
  /** The drift test's p-value (current monitors: `ksPValue`). */
  readonly pValue?: number;
  readonly ksPValue?: number;
  readonly state: DriftStateName;
}

export interface StatsBody {
  readonly name: string;
  readonly table: string;
  readonly cycle: number;
  readonly statisticsCycle: number | null;
  readonly windowSeconds: number | null;
  readonly rows: number | null;
  readonly count: number | null;
  readonly mean: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly p01: number | null;
  readonly p25: number | null;
  readonly p50: number | null;
  readonly p75: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly nullRatio: number | null;
  readonly lastWriteTime: number | null;
  readonly stalenessSeconds: number | null;
  readonly maxAgeSeconds: number | null;
  readonly stale: boolean | null;
  readonly hasBaseline: boolean;
  readonly drift: DriftBody | null;
}

export interface HistogramBinBody {
  readonly lower: number | null;
  readonly upper: number | null;
  readonly count: number;
  readonly share: number;
  readonly baselineCount: number | null;
  readonly baselineShare: number | null;
}

export interface HistogramBody {
  readonly name: string;
  readonly cycle: number;
  readonly total: number;
  readonly baselineTotal: number | null;
  readonly bins: readonly HistogramBinBody[];
}

export interface HistoryPointBody {
  readonly cycle: number;
  readonly cycleStartedAt: string;
  readonly psi: number | null;
  readonly pValue: number | null;
  readonly nullRatio: number | null;
  readonly driftState: DriftStateName | null;
}

export interface HistoryBody {
  readonly name: string;
  readonly points: readonly HistoryPointBody[];
}

export interface OverviewFeature {
  readonly name: string;
  readonly driftState: DriftStateName | null;
  readonly psi: number | null;
  readonly pValue: number | null;
  readonly stale: boolean | null;
  readonly stalenessSeconds: number | null;
  readonly count: number | null;
  readonly nullRatio: number | null;
  readonly hasBaseline: boolean;
  readonly shares: readonly number[];
  readonly baselineShares: readonly number[] | null;
}

export interface OverviewBody {
  readonly cycle: number;
  readonly table: string;
  readonly system: string;
  readonly features: readonly OverviewFeature[];
}

/** `event: cycle` data. */
export interface CycleEvent {
  readonly cycle: number;
  readonly cycleStartedAt: string;
  readonly status: 'ok' | 'degraded';
}

/** Why a request gave no body. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly kind: 'unreachable' | 'not_found' | 'not_ready' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** `src` + `path`, keeping any path prefix of `src` (a monitor behind a reverse proxy). */
export function apiUrl(src: string, path: string): string {
  const base = src.trim() === '' ? location.origin : src.trim().replace(/\/+$/, '');
  return `${base}${path}`;
}

/** GETs a JSON body; failures become an {@link ApiRequestError} saying why. */
export async function getJson<T>(src: string, path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(src, path), { signal: signal ?? null, cache: 'no-store' });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new ApiRequestError('unreachable', 'monitor unreachable');
  }
  if (response.status === 404) throw new ApiRequestError('not_found', 'not monitored');
  if (response.status === 503) throw new ApiRequestError('not_ready', 'waiting for the first monitor cycle');
  if (!response.ok) throw new ApiRequestError('failed', `the monitor answered ${response.status}`);
  return (await response.json()) as T;
}
