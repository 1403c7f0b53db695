import { describe, expect, it } from 'vitest';
import { CAPABILITY_NAMES, IN_MEMORY_CAPABILITIES, defineCapabilities, renderCapabilityTable, type StoreCapabilities } from '../src/index.js';

describe('store capability declarations', () => {
  it('rejects a declaration missing a capability or a note, naming both', () => {
    const partial = { store: 'X', packageName: '@x/store', capabilities: { ...IN_MEMORY_CAPABILITIES.capabilities, monitor: undefined } } as unknown as StoreCapabilities;
    expect(() => defineCapabilities(partial)).toThrow('@x/store: capability "monitor" needs a level (yes, no, partial) and a note');
    const noNote = { ...IN_MEMORY_CAPABILITIES, capabilities: { ...IN_MEMORY_CAPABILITIES.capabilities, upsert: { level: 'yes', note: '' } } } as StoreCapabilities;
    expect(() => defineCapabilities(noNote)).toThrow('capability "upsert"');
  });

  it('renders one row per store with every capability, escaping pipes', () => {
    const row = defineCapabilities({ ...IN_MEMORY_CAPABILITIES, store: 'A|B', capabilities: { ...IN_MEMORY_CAPABILITIES.capabilities, lookup: { level: 'partial', note: 'x | y' } } });
    const lines = renderCapabilityTable([row]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('| A\\|B (`@featurescope/core`) |');
    expect(lines[2]).toContain('◐ x \\| y');
    expect(lines[2]!.split(' | ')).toHaveLength(CAPABILITY_NAMES.length + 1);
    expect(Object.isFrozen(row.capabilities.lookup)).toBe(true);
  });
});
