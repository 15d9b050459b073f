import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ForeignRead, SourceFile } from '@mbw/shared';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures');

/** A fixture file as the importer sees it: its name and its text. */
export const fixture = (path: string): SourceFile => ({ name: path.replace(/^.*\//, ''), text: readFileSync(join(FIXTURES, path), 'utf8') });

/** Every file of a fixture folder (as a zip's entries). */
export const folder = (dir: string): SourceFile[] => readdirSync(join(FIXTURES, dir)).map((f) => fixture(`${dir}/${f}`));

/** Each span as `label "covered text"` (code points), the check that every span covers what the source says. */
export function covered(read: ForeignRead): string[][] {
  return read.docs.map((d) => d.spans.map((s) => `${s.label} ${JSON.stringify([...d.text].slice(s.start, s.end).join(''))}`));
}
