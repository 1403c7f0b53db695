import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { serviceDir } from './serving-helpers.js';

describe('npm run bench', () => {
  it('starts the service on the embedded store, loads it and prints p99 with no errors', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', 'bench', '--silent', '--', '--duration', '2', '--connections', '4', '--users', '100'], { cwd: serviceDir, timeout: 100_000 });
    const row = /^\| (\d+) \| (\d+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$/m.exec(stdout);
    expect(row, stdout).not.toBeNull();
    expect(Number(row![1])).toBeGreaterThan(0);
    expect(Number(row![2])).toBe(0);
    expect(Number(row![6])).toBeGreaterThanOrEqual(Number(row![4]));
  });
});
