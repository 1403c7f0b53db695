import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * The README's tested code blocks: each fenced block right after a `<!-- readme-test: NAME -->`
 * marker, by NAME. The marker is what ties a block to the test that runs it.
 */
export function readmeBlocks(file = resolve(REPO_ROOT, 'README.md')): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  const blocks = new Map<string, string>();
  for (const match of text.matchAll(/<!-- readme-test: ([\w.-]+) -->\s*\n```[\w-]*\n([\s\S]*?)\n```/g)) {
    blocks.set(match[1]!, match[2]!);
  }
  return blocks;
}

/** One shell command from a block, with its comment and line continuations removed. */
export function commandOf(block: string): string {
  return block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.length > 0)
    .join(' && ');
}
