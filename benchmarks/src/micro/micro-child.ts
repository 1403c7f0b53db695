#!/usr/bin/env node
/**
 * One micro-benchmark variant in a process of its own: runs the given cases once each and prints
 * their ns per call as one JSON array on stdout (see `measureInChild` in hot-path.ts).
 *
 *   node --expose-gc dist/micro/micro-child.js --variant traces --cases lookup10,upsert1 --scale 1 [--core-before <dist/esm/index.js>]
 */
import { parseArgs } from 'node:util';
import { loadProfilesFactory } from '../variants/profiles-observer.js';
import { measureOnce, microCases, seededStore, type ChildMeasurement } from './hot-path.js';
import { beforeVariants, loadAlternateCore, MICRO_VARIANTS } from './micro-variants.js';

const { values } = parseArgs({
  options: { variant: { type: 'string' }, cases: { type: 'string' }, scale: { type: 'string', default: '1' }, 'core-before': { type: 'string' } },
});
const coreBefore = values['core-before'];
const variants = coreBefore === undefined ? MICRO_VARIANTS : [...MICRO_VARIANTS, ...beforeVariants(MICRO_VARIANTS, await loadAlternateCore(coreBefore))];
const variant = variants.find((v) => v.id === values.variant);
if (variant === undefined) throw new RangeError(`--variant: one of ${variants.map((v) => v.id).join(', ')}`);
const wanted = (values.cases ?? '').split(',');
const loaded = await loadProfilesFactory();
const measurements: ChildMeasurement[] = [];
for (const microCase of microCases(Number(values.scale)).filter((c) => wanted.includes(c.id))) {
  const { ns, problems } = await measureOnce(microCase, variant, await seededStore(microCase), typeof loaded === 'string' ? undefined : loaded);
  measurements.push({ case: microCase.id, ns, problems });
}
process.stdout.write(JSON.stringify(measurements));
