/**
 * Decompression-bomb guard for ZIP uploads (XLSX is a ZIP). A 0.6 MB workbook can expand to
 * 600 MB and take the server to gigabytes, so a ZIP is measured before any parser sees it:
 *
 * 1. `checkZipDirectory` reads the end record and the central directory only, and refuses an
 *    archive whose entry count, declared sizes or compression ratio pass the limits. Cheap
 *    (no inflating), so the API runs it on the request path before an import job exists.
 * 2. `checkZipFile` then walks every local header, requires it to agree with the central
 *    directory and the entries to follow one another with no gap (so that a reader going
 *    through the local headers in order, as exceljs does, sees exactly the entries checked
 *    here), and inflates each entry into nothing, counting: declared sizes can lie, so the
 *    caps are enforced on the bytes actually produced, and inflating stops at the first byte
 *    over a limit. Memory stays at a few zlib windows whatever the archive holds.
 *
 * gzip is accepted by no route and no CLI format (no `Content-Encoding` is decoded, no `.gz`
 * is opened); a gzip upload is refused as "not CSV"/"not XLSX" by the readers.
 */
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { isVigiaError, tooLarge, validationError, type VigiaError } from '../../core/errors.js';
import { parseConfig } from '../../config.js';

export interface ZipLimits {
  /** Most bytes all entries together may expand to. */
  maxBytes: number;
  /** Most entries (files and folders) an archive may hold. */
  maxEntries: number;
  /** Largest expanded : compressed ratio of an entry that expands past `RATIO_FLOOR` bytes. */
  maxRatio: number;
}

/** Defaults: 100 MiB expanded, 10,000 entries, ratio 200 (real workbooks compress 5–30 ×). */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxBytes: 100 * 1024 * 1024, maxEntries: 10_000, maxRatio: 200 };

/** Entries smaller than this when expanded are never refused for their ratio (a blank sheet compresses well). */
export const RATIO_FLOOR = 1024 * 1024;

let configured: ZipLimits | undefined;

/** The limits in force: VIGIA_MAX_UNZIPPED_BYTES, VIGIA_MAX_ZIP_ENTRIES, VIGIA_MAX_ZIP_RATIO. */
export function zipLimits(): ZipLimits {
  if (!configured) {
    const c = parseConfig();
    configured = { maxBytes: c.VIGIA_MAX_UNZIPPED_BYTES, maxEntries: c.VIGIA_MAX_ZIP_ENTRIES, maxRatio: c.VIGIA_MAX_ZIP_RATIO };
  }
  return configured;
}

/** True when `head` starts like a ZIP archive (a local header, or an empty archive's end record). */
export function looksLikeZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/** One entry as the central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts: the end of the last entry. */
  directoryOffset: number;
}

/** Random access to the archive's bytes: `length` bytes at `position` (fewer at the end). */
export type ByteReader = (position: number, length: number) => Promise<Buffer>;

/** Reads from a Buffer (an upload held in memory). */
export function bufferReader(buf: Buffer): { read: ByteReader; size: number } {
  return { read: async (p, n) => buf.subarray(p, Math.min(buf.length, p + n)), size: buf.length };
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50, descriptor: 0x08074b50 };
const MiB = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** The refusal of an archive over a limit (HTTP 413; CLI exit 2). */
function overLimit(file: string, what: string, limit: string): VigiaError {
  return tooLarge(`${file}: ${what}, over the limit of ${limit}; nothing was imported`, [{ file, reason: `${what} (limit ${limit})` }]);
}

/** An archive that cannot be read safely (HTTP 400; CLI exit 2). */
function unreadable(file: string, why: string): VigiaError {
  return validationError(`${file}: not a readable XLSX/ZIP file (${why}); save it from your spreadsheet as "Excel Workbook (.xlsx)"; nothing was imported`, [
    { file, row: 1, reason: `not a readable ZIP file: ${why}` },
  ]);
}

/** Zip64 extended values replace the 32-bit fields that hold 0xFFFFFFFF, in this order. */
function zip64Values(
  extra: Buffer,
  wanted: Array<'size' | 'compressedSize' | 'localOffset'>,
): Partial<Record<'size' | 'compressedSize' | 'localOffset', number>> {
  const out: Partial<Record<'size' | 'compressedSize' | 'localOffset', number>> = {};
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      for (const w of wanted) {
        if (q + 8 > p + 4 + len || q + 8 > extra.length) break;
        out[w] = Number(extra.readBigUInt64LE(q));
        q += 8;
      }
      return out;
    }
    p += 4 + len;
  }
  return out;
}

/**
 * Reads the central directory and refuses, before anything is inflated, an archive with more
 * entries than `maxEntries`, whose declared sizes add up to more than `maxBytes`, or with an
 * entry whose declared ratio passes `maxRatio`.
 */
export async function checkZipDirectory(read: ByteReader, size: number, file: string, limits: ZipLimits = zipLimits()): Promise<ZipDirectory> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(size - tailLength, tailLength);
  let end = -1;
  for (let p = tail.length - 22; p >= 0; p--) {
    if (tail.readUInt32LE(p) === SIG.end && p + 22 + tail.readUInt16LE(p + 20) <= tail.length) {
      end = p;
      break;
    }
  }
  if (end < 0) throw unreadable(file, 'no end of central directory: the file is cut short or not a ZIP');
  let count = tail.readUInt16LE(end + 10);
  let directorySize = tail.readUInt32LE(end + 12);
  let directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locatorAt = size - tailLength + end - 20;
    const locator = locatorAt >= 0 ? await read(locatorAt, 20) : Buffer.alloc(0);
    if (locator.length === 20 && locator.readUInt32LE(0) === SIG.locator64) {
      const record = await read(Number(locator.readBigUInt64LE(8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== SIG.end64) throw unreadable(file, 'broken zip64 end record');
      count = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
    }
  }
  const entriesLimit = `${limits.maxEntries.toLocaleString('en')} entries (VIGIA_MAX_ZIP_ENTRIES)`;
  // The declared count can lie; the directory's size bounds how many entries it can hold.
  if (count > limits.maxEntries || directorySize / 46 > limits.maxEntries * 1.5 + 1_000) {
    throw overLimit(file, `the archive holds more than ${limits.maxEntries.toLocaleString('en')} entries`, entriesLimit);
  }
  if (directoryOffset + directorySize > size) throw unreadable(file, 'the central directory lies outside the file: the file is cut short');
  const dir = await read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let p = 0; p < dir.length;) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== SIG.central) throw unreadable(file, 'broken central directory');
    if (entries.length >= limits.maxEntries)
      throw overLimit(file, `the archive holds more than ${limits.maxEntries.toLocaleString('en')} entries`, entriesLimit);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength + commentLength > dir.length) throw unreadable(file, 'broken central directory');
    const entry: ZipEntry = {
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
    };
    const wanted = (['size', 'compressedSize', 'localOffset'] as const).filter((k) => entry[k] === 0xffffffff);
    if (wanted.length) Object.assign(entry, zip64Values(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), [...wanted]));
    if (entry.flags & 1) throw unreadable(file, `${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8)
      throw unreadable(file, `${entry.name} uses compression method ${entry.method}; only stored and deflate are read`);
    total += entry.size;
    if (total > limits.maxBytes)
      throw overLimit(
        file,
        `the archive declares more than ${MiB(limits.maxBytes)} once expanded`,
        `${MiB(limits.maxBytes)} expanded (VIGIA_MAX_UNZIPPED_BYTES)`,
      );
    if (entry.size > RATIO_FLOOR && entry.size > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      throw overLimit(
        file,
        `${entry.name} declares a compression ratio of ${Math.round(entry.size / Math.max(1, entry.compressedSize))} : 1`,
        `${limits.maxRatio} : 1 (VIGIA_MAX_ZIP_RATIO)`,
      );
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, directoryOffset };
}

/** Feeds `length` bytes at `position` through `sink`, 64 KiB at a time. */
async function pump(read: ByteReader, position: number, length: number, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
  for (let done = 0; done < length;) {
    const chunk = await read(position + done, Math.min(64 * 1024, length - done));
    if (!chunk.length) throw new Error('cut short');
    await sink(chunk);
    done += chunk.length;
  }
}

/** Inflates one entry into nothing, stopping as soon as it passes `cap` bytes; returns its size. */
async function inflatedSize(read: ByteReader, start: number, entry: ZipEntry, cap: number): Promise<number> {
  if (entry.method === 0) return entry.compressedSize;
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
  let produced = 0;
  let over = false;
  const finished = new Promise<void>((resolve, reject) => {
    inflater.on('data', (d: Buffer) => {
      produced += d.length;
      if (produced > cap && !over) {
        over = true;
        inflater.destroy();
        resolve();
      }
    });
    inflater.on('end', resolve);
    inflater.on('close', resolve);
    inflater.on('error', reject);
  });
  try {
    await pump(read, start, entry.compressedSize, async (chunk) => {
      if (over || inflater.destroyed) return;
      if (!inflater.write(chunk))
        await new Promise<void>((r) => {
          inflater.once('drain', r);
          inflater.once('close', r);
        });
    });
    if (!over && !inflater.destroyed) inflater.end();
    await finished;
  } finally {
    inflater.destroy();
  }
  return produced;
}

/**
 * The whole check of an archive: the central directory (`checkZipDirectory`), then every local
 * header and every entry inflated, counted against the limits. Throws a `too_large` error
 * naming the limit, or a validation error for an archive that cannot be read safely.
 */
export async function checkZip(read: ByteReader, size: number, file: string, limits: ZipLimits = zipLimits()): Promise<void> {
  const { entries, directoryOffset } = await checkZipDirectory(read, size, file, limits);
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const bytesLimit = `${MiB(limits.maxBytes)} expanded (VIGIA_MAX_UNZIPPED_BYTES)`;
  let expected = 0;
  let total = 0;
  for (const entry of ordered) {
    if (entry.localOffset !== expected) throw unreadable(file, `${entry.name} does not start where the previous entry ends (hidden or overlapping data)`);
    const header = await read(entry.localOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== SIG.local)
      throw unreadable(file, `no local header for ${entry.name}: the file is cut short or damaged`);
    const flags = header.readUInt16LE(6);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const name = (await read(entry.localOffset + 30, nameLength)).toString('utf8');
    let localCompressed = header.readUInt32LE(18);
    let localSize = header.readUInt32LE(22);
    if (localCompressed === 0xffffffff || localSize === 0xffffffff) {
      const extra = await read(entry.localOffset + 30 + nameLength, extraLength);
      const z = zip64Values(extra, ['size', 'compressedSize']);
      localSize = z.size ?? localSize;
      localCompressed = z.compressedSize ?? localCompressed;
    }
    // A reader that follows the local headers must find the entry the directory describes.
    const deferred = (flags & 8) !== 0 && localCompressed === 0;
    if (
      name !== entry.name ||
      header.readUInt16LE(8) !== entry.method ||
      (!deferred && (localCompressed !== entry.compressedSize || localSize !== entry.size))
    ) {
      throw unreadable(file, `the local header of ${entry.name} disagrees with the central directory`);
    }
    const start = entry.localOffset + 30 + nameLength + extraLength;
    const cap = Math.min(
      entry.size,
      limits.maxBytes - total,
      entry.compressedSize > 0 ? Math.max(RATIO_FLOOR, limits.maxRatio * entry.compressedSize) : RATIO_FLOOR,
    );
    let produced: number;
    try {
      produced = await inflatedSize(read, start, entry, cap);
    } catch (e) {
      throw unreadable(file, `${entry.name} does not inflate (${e instanceof Error ? e.message : String(e)})`);
    }
    if (produced > cap) {
      if (total + produced > limits.maxBytes) throw overLimit(file, `the archive expands to more than ${MiB(limits.maxBytes)}`, bytesLimit);
      if (produced > entry.size)
        throw overLimit(file, `${entry.name} expands to more than the ${entry.size.toLocaleString('en')} bytes its headers declare`, bytesLimit);
      throw overLimit(file, `${entry.name} expands more than ${limits.maxRatio} times`, `${limits.maxRatio} : 1 (VIGIA_MAX_ZIP_RATIO)`);
    }
    total += produced;
    let next = start + entry.compressedSize;
    if (flags & 8) {
      const d = await read(next, 4);
      const signed = d.length === 4 && d.readUInt32LE(0) === SIG.descriptor;
      const candidates = signed ? [16, 24] : [12, 20];
      const following = ordered[ordered.indexOf(entry) + 1]?.localOffset ?? directoryOffset;
      const fit = candidates.find((c) => next + c === following);
      if (fit === undefined) throw unreadable(file, `the data descriptor of ${entry.name} is not where it should be`);
      next += fit;
    }
    expected = next;
  }
  if (expected !== directoryOffset) throw unreadable(file, 'data between the last entry and the central directory');
}

/** `checkZip` over a file on disk (a spooled upload). */
export async function checkZipFileAt(path: string, file: string, limits: ZipLimits = zipLimits()): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const read: ByteReader = async (position, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      if (!buf.length) return buf;
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      return buf.subarray(0, bytesRead);
    };
    await checkZip(read, size, file, limits);
  } finally {
    await handle.close();
  }
}

/**
 * For an upload held in memory, before an import job starts: a ZIP whose central directory
 * passes a limit is refused at once (`too_large`). Anything else, including a ZIP too damaged
 * to measure, is left to the format's reader, which reports it as a problem of the file.
 */
export async function refuseDeclaredBomb(body: Buffer, file: string, limits: ZipLimits = zipLimits()): Promise<void> {
  if (!looksLikeZip(body)) return;
  const { read, size } = bufferReader(body);
  try {
    await checkZipDirectory(read, size, file, limits);
  } catch (e) {
    if (isVigiaError(e) && e.kind === 'too_large') throw e;
  }
}
