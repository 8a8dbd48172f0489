/**
 * Reading an uploaded file into text, safely: a size limit checked while reading (a 200 MB
 * upload is refused without being held in memory), UTF-8 with or without BOM, and Latin-1 as
 * Spanish Excel writes it.
 */
import type { Readable } from 'node:stream';
import { validationError } from '../../../core/errors.js';

/** Largest DHIS2/ADX file accepted by default. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Reads a stream whole, refusing it as soon as it passes `maxBytes`. */
export async function readLimited(input: Readable, file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > maxBytes) {
      input.destroy();
      const mb = Math.round(maxBytes / 1024 / 1024);
      throw validationError(`${file}: larger than the ${mb} MB allowed; split it into smaller files`, [{ file, reason: `larger than ${mb} MB` }]);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * Text of a file: UTF-8 (a BOM is dropped); bytes that are not UTF-8 are read as Latin-1 when
 * `latin1` is allowed (CSV from Spanish Excel), otherwise refused.
 */
export function decodeText(buf: Buffer, file: string, latin1: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    if (latin1) return buf.toString('latin1');
    throw validationError(`${file}: not UTF-8 text; save the file as UTF-8`, [{ file, reason: 'not UTF-8' }]);
  }
}
