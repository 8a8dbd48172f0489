/**
 * Who writes an import: the signed-in user of an API import (held to the policy and audited
 * row by row), or the system for `vigia import` (audited in summary, naming format and file).
 */
import type { Writer } from '../audit/data-writer.js';
import type { ImportOptions } from './exchange-format.js';

/** The writer of an import of `format` with `opts`. */
export function importWriter(format: string, opts: Pick<ImportOptions, 'actor' | 'file'>): Writer {
  return opts.actor ?? { system: `import ${format}`, file: opts.file };
}
