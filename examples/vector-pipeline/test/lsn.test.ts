import { describe, expect, it } from 'vitest';
import { formatLsn, parseLsn, previousLsn } from '../src/lsn.js';

describe('LSN arithmetic', () => {
  it('parses, formats and steps back across the 32-bit boundary', () => {
    expect(parseLsn('1/0')).toBe(4_294_967_296n);
    expect(formatLsn(parseLsn('00000000/01A5AEE0'))).toBe('0/1A5AEE0');
    expect(previousLsn('1/0')).toBe('0/FFFFFFFF');
    expect(previousLsn('0/1A5AEE0')).toBe('0/1A5AEDF');
    expect(previousLsn('0/0')).toBe('0/0');
  });
});
