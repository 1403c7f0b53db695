import { describe, expect, it } from 'vitest';
import { DemoArgsError, parseArgs } from '../src/cli-args.js';

describe('demo arguments', () => {
  it('has defaults for everything', () => {
    expect(parseArgs([])).toEqual({ durationSeconds: 0, users: 3000, summaryEverySeconds: 5, driftAfterSeconds: 40, seed: 42 });
  });

  it('reads flags in both spellings', () => {
    expect(parseArgs(['--duration', '30', '--users=500'])).toMatchObject({ durationSeconds: 30, users: 500 });
    expect(parseArgs(['--help'])).toBe('help');
  });

  it('names the flag that is wrong', () => {
    expect(() => parseArgs(['--duration', 'soon'])).toThrow(new DemoArgsError('--duration needs a non-negative number, got soon'));
    expect(() => parseArgs(['--users', '0'])).toThrow(/--users needs a positive integer/);
    expect(() => parseArgs(['--colour'])).toThrow(/Unknown option '--colour'/);
  });
});
