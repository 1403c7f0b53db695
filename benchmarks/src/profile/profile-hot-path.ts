#!/usr/bin/env node
/**
 * Runs one micro variant's loop long enough for `node --cpu-prof` to sample it, then prints where the
 * samples landed (self time by function and by package). Shares are relative, so they stay
 * meaningful on a loaded machine where absolute times do not.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/profile/profile-hot-path.js --variant traces --case lookup10 --seconds 10
 *   node dist/profile/profile-hot-path.js --summarize /tmp/prof/<file>.cpuprofile
 */
import { InMemoryFeatureStore, type LookupRequest, type UpsertRequest } from '@featurescope/core';
import { readFileSync } from 'node:fs';
import { loadProfilesFactory } from '../variants/profiles-observer.js';
import { MICRO_VARIANTS, setUpMicroVariant } from '../micro/micro-variants.js';
import { setContextPropagation } from '../telemetry/context-switch.js';
import { summarizeCpuProfile, type CpuProfile } from './cpu-profile-summary.js';

const GROUP = 'profile_users';
const FEATURES = Array.from({ length: 10 }, (_, i) => `f${i}_amount_avg`);

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const summarize = process.argv.indexOf('--summarize');
  if (summarize >= 0) {
    const profile = JSON.parse(readFileSync(process.argv[summarize + 1]!, 'utf8')) as CpuProfile;
    process.stdout.write(summarizeCpuProfile(profile, Number(flag('top', '40'))) + '\n');
    return;
  }
  const variant = MICRO_VARIANTS.find((v) => v.id === flag('variant', 'traces'));
  if (variant === undefined) throw new RangeError(`--variant: one of ${MICRO_VARIANTS.map((v) => v.id).join(', ')}`);
  const caseId = flag('case', 'lookup10');
  const seconds = Number(flag('seconds', '10'));
  const loaded = await loadProfilesFactory();
  const base = new InMemoryFeatureStore();
  await base.upsert({ group: GROUP, rows: Array.from({ length: 500 * FEATURES.length }, (_, r) => ({ entityId: `u${r % 500}`, feature: FEATURES[Math.floor(r / 500)]!, value: r })) });
  const { store, sdk, profiles } = setUpMicroVariant(variant, base, typeof loaded === 'string' ? undefined : loaded);
  const lookups: LookupRequest[] = Array.from({ length: 8 }, (_, k) => ({ group: GROUP, entityIds: [`u${k * 37}`], features: FEATURES }));
  const upserts: UpsertRequest[] = Array.from({ length: 8 }, (_, k) => ({
    group: GROUP,
    rows: Array.from({ length: 100 }, (_, r) => ({ entityId: `u${(k * 53 + r) % 500}`, feature: FEATURES[r % FEATURES.length]!, value: r * 1.5 })),
  }));
  const started = process.cpuUsage();
  let calls = 0;
  // CPU seconds, not wall seconds: on a loaded machine the profile still gets enough samples.
  const cpuSeconds = (): number => {
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1e6;
  };
  while (cpuSeconds() < seconds) {
    // The clock is read every 4096 calls: getrusage is a syscall, where a descheduled process gets sampled.
    for (let batch = 0; batch < 64; batch++) {
      for (let i = 0; i < 64; i++, calls++) await (caseId === 'lookup10' ? store.lookup(lookups[calls & 7]!) : store.upsert(upserts[calls & 7]!));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await sdk?.finish();
  await profiles?.close();
  setContextPropagation(false);
  process.stdout.write(`profiled ${calls} ${caseId} calls of ${variant.id} on Node ${process.version}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
