/**
 * An uploaded file copied to a temporary file as it arrives, so that an import can read it
 * twice (check everything, then write) in bounded memory whatever its size. While copying, the
 * text encoding is found: UTF-8 (with or without a byte-order mark) is read as it is; bytes
 * that are not valid UTF-8 are taken to be Windows-1252 (Latin-1 as Spanish Excel saves CSV)
 * and decoded on every read. UTF-16 and binary files are refused with a message saying what to
 * do instead.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { validationError } from '../../core/errors.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface Spool {
  path: string;
  bytes: number;
  /** The encoding of the text (meaningless for a binary format such as XLSX). */
  encoding: TextEncoding;
  /** The raw bytes, from the start. */
  openRaw(): Readable;
  /** The text as UTF-8 bytes, from the start (a Latin-1 file transcoded). */
  openText(): Readable;
  /** Deletes the temporary file. */
  remove(): Promise<void>;
}

export interface SpoolOptions {
  /** Refuse inputs larger than this many bytes. */
  maxBytes?: number;
  /** Name of the file, for messages. */
  file?: string;
  /** Check that the bytes are text (CSV): refuse UTF-16, ZIP (XLSX) and NUL bytes. */
  text?: boolean;
}

/** Copies `input` to a temporary file, checking its size and (for text) its encoding. */
export async function spoolUpload(input: Readable, opts: SpoolOptions = {}): Promise<Spool> {
  const dir = await mkdtemp(join(tmpdir(), 'vigia-upload-'));
  const path = join(dir, 'upload');
  const file = opts.file ?? 'the file';
  let bytes = 0;
  let first: Buffer | null = null;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let nul = false;
  const watch = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      bytes += chunk.length;
      if (opts.maxBytes !== undefined && bytes > opts.maxBytes) {
        return done(
          validationError(`${file} is larger than the limit of ${opts.maxBytes} bytes; nothing was imported`, [
            { file, reason: `larger than ${opts.maxBytes} bytes` },
          ]),
        );
      }
      if (!first) first = chunk.subarray(0, 4);
      if (opts.text) {
        if (!nul && chunk.includes(0)) nul = true;
        if (validUtf8) {
          try {
            utf8.decode(chunk, { stream: true });
          } catch {
            validUtf8 = false;
          }
        }
      }
      done(null, chunk);
    },
  });
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(input, watch, createWriteStream(path));
    if (opts.text && validUtf8) {
      try {
        utf8.decode();
      } catch {
        // A multi-byte sequence cut off by the end of the file.
        validUtf8 = false;
      }
    }
  } catch (e) {
    await remove();
    throw e;
  }
  if (opts.text) {
    const head: Buffer = first ?? Buffer.alloc(0);
    const refuse = (reason: string) => validationError(`${file}: ${reason}; nothing was imported`, [{ file, row: 1, reason }]);
    let problem: Error | null = null;
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      problem = refuse('the file is UTF-16 ("Unicode text"); save it as "CSV UTF-8" instead');
    } else if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) {
      problem = refuse('this is a ZIP or XLSX file, not CSV; import it with the xlsx format');
    } else if (nul) problem = refuse('the file holds NUL bytes: it is not a CSV text file');
    if (problem) {
      await remove();
      throw problem;
    }
  }
  const encoding: TextEncoding = validUtf8 ? 'utf-8' : 'windows-1252';
  const openRaw = () => createReadStream(path, { highWaterMark: 256 * 1024 });
  return {
    path,
    bytes: (await stat(path)).size,
    encoding,
    openRaw,
    openText: () => (encoding === 'utf-8' ? openRaw() : openRaw().pipe(transcode(encoding))),
    remove,
  };
}

/** Decodes `encoding` into UTF-8 bytes, chunk by chunk. */
function transcode(encoding: TextEncoding): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done: TransformCallback) {
      const rest = decoder.decode();
      done(null, rest ? Buffer.from(rest, 'utf8') : null);
    },
  });
}

/** A Readable over a Buffer or string, for callers that hold the whole file. */
export function readableOf(data: Buffer | string): Readable {
  return Readable.from([typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);
}
