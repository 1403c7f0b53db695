import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { START_ARGS, serviceDir } from './ingest-helpers.js';

describe('package.json', () => {
  it('starts the service the way the tests do', () => {
    const pkg = JSON.parse(readFileSync(join(serviceDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(['node', ...START_ARGS].join(' '));
  });
});
