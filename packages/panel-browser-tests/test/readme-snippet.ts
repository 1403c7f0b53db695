import { readFileSync } from 'node:fs';

/** The first ```html block of the root README's "Look at a feature" section (the embed tags). */
export function readmeEmbedSnippet(): string {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Look at a feature'));
  const match = /```html\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error('README: no ```html block under "## Look at a feature"');
  return match[1]!;
}
