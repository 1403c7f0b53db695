import type { VariantSummary } from './analyze.js';

/** A cell's summaries with the identity the targets look for. */
export interface CellSummary {
  readonly id: string;
  readonly store: string;
  readonly workload: string;
  readonly concurrency: number;
  readonly tailFraction: number;
  readonly variants: readonly VariantSummary[];
  readonly pending: readonly { readonly variant: string; readonly reason: string }[];
}

/** Whether one README target held in this run, and by how much. */
export interface TargetVerdict {
  readonly id: 'cpu-per-call' | 'throughput-ratio' | 'vs-upstream';
  readonly target: string;
  readonly status: 'met' | 'missed' | 'not measured';
  /** The measured value with its 95 % CI. */
  readonly measured: string;
  /** How far inside or outside the target the point estimate is. */
  readonly margin: string;
  /** Which cell and variants the verdict rests on, and caveats. */
  readonly basis: string;
}

export const TARGET_CPU_US = 6;
export const TARGET_THROUGHPUT_RATIO = 0.95;
export const TARGET_UPSTREAM_FRACTION = 0.25;

const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function pick(cells: readonly CellSummary[], store: string): CellSummary | undefined {
  return cells.find((c) => c.store === store && c.workload === 'lookup10' && c.concurrency === 16 && c.tailFraction === 0);
}

/** The featurescope variant the targets judge: with profiles when they ran, else spans + metrics (flagged). */
function featurescopeOf(cell: CellSummary): { summary: VariantSummary | undefined; caveat: string } {
  const withProfiles = cell.variants.find((v) => v.id === 'fs+profiles');
  if (withProfiles !== undefined) return { summary: withProfiles, caveat: '' };
  const reason = cell.pending.find((p) => p.variant === 'fs+profiles')?.reason ?? 'not run';
  return { summary: cell.variants.find((v) => v.id === 'fs'), caveat: ` Profiles pending (${reason}): judged on spans + metrics only, so this understates the target's cost.` };
}

const failedNote = (v: VariantSummary): string => (v.status === 'failed' ? ` The variant FAILED its telemetry check (${v.problems.join('; ')}), so its speed is not trustworthy.` : '');

/** Evaluates the three README targets against this run's cells. */
export function evaluateTargets(cells: readonly CellSummary[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const maria = pick(cells, 'mariadb');
  const cpuCell = maria ?? pick(cells, 'memory');

  const cpuTarget = `featurescope spans + metrics + profiles on a 10-feature lookup add ≤ ${TARGET_CPU_US} µs client CPU per call`;
  const cpuFs = cpuCell && featurescopeOf(cpuCell);
  const cpu = cpuFs?.summary?.vsRaw?.cpuUsPerCall;
  if (cpuCell === undefined || cpuFs?.summary === undefined || cpu === undefined) {
    verdicts.push({ id: 'cpu-per-call', target: cpuTarget, status: 'not measured', measured: 'n/a', margin: 'n/a', basis: 'needs a lookup10 cell at concurrency 16 with raw and featurescope variants' });
  } else {
    const met = cpu.difference <= TARGET_CPU_US;
    const conclusive = met ? cpu.ciHigh <= TARGET_CPU_US : cpu.ciLow > TARGET_CPU_US;
    verdicts.push({
      id: 'cpu-per-call',
      target: cpuTarget,
      status: met ? 'met' : 'missed',
      measured: `+${fmt(cpu.difference)} µs/call [95 % CI ${fmt(cpu.ciLow)}, ${fmt(cpu.ciHigh)}], p = ${fmt(cpu.p, 3)}`,
      margin: met ? `${fmt(TARGET_CPU_US - cpu.difference)} µs under the limit` : `missed by ${fmt(cpu.difference - TARGET_CPU_US)} µs`,
      basis:
        `${cpuCell.id}, ${cpuFs.summary.id} vs raw.` +
        (maria === undefined ? ' MariaDB cell unavailable: measured on the in-memory store instead.' : '') +
        (conclusive ? '' : ' The confidence interval straddles the limit: not conclusive at this noise level.') +
        cpuFs.caveat +
        failedNote(cpuFs.summary),
    });
  }

  const tpTarget = `≥ ${TARGET_THROUGHPUT_RATIO * 100} % of raw throughput on MariaDB at concurrency 16`;
  const mariaFs = maria && featurescopeOf(maria);
  const tp = mariaFs?.summary?.vsRaw?.throughput;
  const rawTp = maria?.variants.find((v) => v.id === 'raw')?.estimates.throughput.mean;
  if (maria === undefined || mariaFs?.summary === undefined || tp === undefined || rawTp === undefined) {
    verdicts.push({ id: 'throughput-ratio', target: tpTarget, status: 'not measured', measured: 'n/a', margin: 'n/a', basis: 'needs the mariadb/lookup10/c16 cell (MariaDB reachable and @featurescope/mysql2 built)' });
  } else {
    const met = tp.ratio >= TARGET_THROUGHPUT_RATIO;
    verdicts.push({
      id: 'throughput-ratio',
      target: tpTarget,
      status: met ? 'met' : 'missed',
      measured: `${fmt(tp.ratio * 100, 1)} % of raw [95 % CI ${fmt((1 + tp.ciLow / rawTp) * 100, 1)}, ${fmt((1 + tp.ciHigh / rawTp) * 100, 1)} %], p = ${fmt(tp.p, 3)}`,
      margin: met ? `${fmt((tp.ratio - TARGET_THROUGHPUT_RATIO) * 100, 1)} points above the floor` : `missed by ${fmt((TARGET_THROUGHPUT_RATIO - tp.ratio) * 100, 1)} percentage points`,
      basis: `${maria.id}, ${mariaFs.summary.id} vs raw (CI of the ratio approximated from the CI of the difference over the raw mean).${mariaFs.caveat}${failedNote(mariaFs.summary)}`,
    });
  }

  const upTarget = `featurescope's overhead is less than ${TARGET_UPSTREAM_FRACTION * 100} % of upstream instrumentation-mysql2's alone, same run`;
  const upstream = maria?.variants.find((v) => v.id === 'upstream');
  const fsCpu = mariaFs?.summary?.vsRaw?.cpuUsPerCall;
  const upCpu = upstream?.vsRaw?.cpuUsPerCall;
  if (maria === undefined || fsCpu === undefined || upCpu === undefined || upstream === undefined) {
    verdicts.push({ id: 'vs-upstream', target: upTarget, status: 'not measured', measured: 'n/a', margin: 'n/a', basis: 'needs the mariadb/lookup10/c16 cell with the upstream variant' });
  } else if (!(upCpu.difference > 0)) {
    verdicts.push({ id: 'vs-upstream', target: upTarget, status: 'not measured', measured: `upstream added ${fmt(upCpu.difference)} µs/call`, margin: 'n/a', basis: `${maria.id}: the upstream overhead was not positive in this run, so the ratio is meaningless (noise); rerun with more repetitions.` });
  } else {
    const ratio = fsCpu.difference / upCpu.difference;
    const met = ratio < TARGET_UPSTREAM_FRACTION;
    const upTp = upstream.vsRaw?.throughput;
    const fsTp = mariaFs?.summary?.vsRaw?.throughput;
    verdicts.push({
      id: 'vs-upstream',
      target: upTarget,
      status: met ? 'met' : 'missed',
      measured: `added CPU: featurescope +${fmt(fsCpu.difference)} µs vs upstream +${fmt(upCpu.difference)} µs per call → ${fmt(ratio * 100, 1)} %` + (upTp && fsTp ? `; throughput lost: ${fmt((1 - fsTp.ratio) * 100, 1)} % vs ${fmt((1 - upTp.ratio) * 100, 1)} %` : ''),
      margin: met ? `${fmt((TARGET_UPSTREAM_FRACTION - ratio) * 100, 1)} points under the limit` : `missed by ${fmt((ratio - TARGET_UPSTREAM_FRACTION) * 100, 1)} percentage points (${fmt(ratio / TARGET_UPSTREAM_FRACTION, 2)}× the allowed share)`,
      basis: `${maria.id}, added client CPU per call of ${mariaFs!.summary!.id} and of upstream, each against raw.${mariaFs!.caveat}${failedNote(upstream)}${failedNote(mariaFs!.summary!)}`,
    });
  }
  return verdicts;
}
