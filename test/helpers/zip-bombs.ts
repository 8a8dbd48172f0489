/**
 * Hostile ZIP archives built in the test, byte by byte: XLSX decompression bombs (a sheet that
 * inflates to hundreds of MB from a few hundred KB), archives whose headers lie about sizes,
 * and archives with a hundred thousand entries. A bomb is made without ever holding or
 * deflating its expanded text: one block of rows is deflated with a full flush (byte-aligned,
 * no reference to earlier data) and that block is repeated, which is a valid deflate stream.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** The entry's bytes as stored (deflated when `method` is 8). */
  data: Buffer;
  method: 0 | 8;
  /** Expanded size written in the headers (the truth, unless a test wants it to lie). */
  size: number;
  crc?: number;
  /** Sizes in the local header, when they should differ from the central directory's. */
  localSize?: number;
  /** Set bit 3 (sizes in a data descriptor) and write zero sizes in the local header. */
  descriptor?: boolean;
}

/** A ZIP archive of `entries`; `countOverride` writes another entry count in the end record. */
export function buildZip(entries: readonly RawEntry[], countOverride?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const flags = e.descriptor ? 8 : 0;
    const crc = e.crc ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(e.descriptor ? 0 : e.data.length, 18);
    local.writeUInt32LE(e.descriptor ? 0 : (e.localSize ?? e.size), 22);
    local.writeUInt16LE(name.length, 26);
    const parts = [local, name, e.data];
    if (e.descriptor) {
      const d = Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(crc, 4);
      d.writeUInt32LE(e.data.length, 8);
      d.writeUInt32LE(e.size, 12);
      parts.push(d);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    for (const p of parts) offset += p.length;
    locals.push(...parts);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = (countOverride ?? entries.length) & 0xffff;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A deflated entry holding `text`, honest about its size. */
export function deflatedEntry(name: string, text: string | Buffer): RawEntry {
  const raw = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { name, data: deflateRawSync(raw), method: 8, size: raw.length, crc: crc32(raw) };
}

/** Deflate of `head`, then `block` repeated `times`, then `tail`; and its expanded size. */
export function repeatedDeflate(head: string, block: string, times: number, tail: string): { data: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const b = deflateRawSync(Buffer.from(block), flush);
  const parts = [deflateRawSync(Buffer.from(head), flush)];
  for (let i = 0; i < times; i++) parts.push(b);
  parts.push(deflateRawSync(Buffer.from(tail)));
  return { data: Buffer.concat(parts), size: Buffer.byteLength(head) + Buffer.byteLength(block) * times + Buffer.byteLength(tail) };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="values" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>indicator</t></is></c><c t="inlineStr"><is><t>place</t></is></c><c t="inlineStr"><is><t>period</t></is></c><c t="inlineStr"><is><t>value</t></is></c></row>';
const SHEET_ROW =
  '<row><c t="inlineStr"><is><t>ERAD_HA</t></is></c><c t="inlineStr"><is><t>PE-HUA</t></is></c><c t="inlineStr"><is><t>2012</t></is></c><c><v>1</v></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

export interface BombOptions {
  /** About how many bytes the sheet expands to (default 600 MB). */
  expandTo?: number;
  /** Declare this expanded size for the sheet in both headers instead of the truth. */
  declaredSize?: number;
  /** Sizes in a data descriptor, zero in the local header. */
  descriptor?: boolean;
  /** Which part expands: the sheet's rows (default), or the shared strings, which a reader caches whole. */
  part?: 'sheet' | 'sharedStrings';
}

const SST_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const SST_ITEM = '<si><t>x</t></si>';
const SHEET_SMALL = `${SHEET_HEAD}<row r="2"><c t="s"><v>0</v></c></row>${SHEET_TAIL}`;
const WORKBOOK_RELS_SST = WORKBOOK_RELS.replace(
  '</Relationships>',
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
);

/** An XLSX workbook whose one sheet of repeated rows expands to about `expandTo` bytes. */
export function xlsxBomb(opts: BombOptions = {}): Buffer {
  const expandTo = opts.expandTo ?? 600 * 1024 * 1024;
  if (opts.part === 'sharedStrings') {
    const block = SST_ITEM.repeat(Math.floor((1024 * 1024) / SST_ITEM.length));
    const sst = repeatedDeflate(SST_HEAD, block, Math.max(1, Math.round(expandTo / block.length)), '</sst>');
    return buildZip([
      deflatedEntry('[Content_Types].xml', CONTENT_TYPES),
      deflatedEntry('_rels/.rels', RELS),
      deflatedEntry('xl/workbook.xml', WORKBOOK),
      deflatedEntry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS_SST),
      { name: 'xl/sharedStrings.xml', data: sst.data, method: 8, size: opts.declaredSize ?? sst.size, descriptor: opts.descriptor },
      deflatedEntry('xl/worksheets/sheet1.xml', SHEET_SMALL),
    ]);
  }
  // One flushed block of 1 MB of rows and blanks between them deflates to about 1 KB.
  const block = `${SHEET_ROW}${' '.repeat(16384 - SHEET_ROW.length)}`.repeat(64);
  const sheet = repeatedDeflate(SHEET_HEAD, block, Math.max(1, Math.round(expandTo / block.length)), SHEET_TAIL);
  const sheetEntry: RawEntry = {
    name: 'xl/worksheets/sheet1.xml',
    data: sheet.data,
    method: 8,
    size: opts.declaredSize ?? sheet.size,
    descriptor: opts.descriptor,
  };
  return buildZip([
    deflatedEntry('[Content_Types].xml', CONTENT_TYPES),
    deflatedEntry('_rels/.rels', RELS),
    deflatedEntry('xl/workbook.xml', WORKBOOK),
    deflatedEntry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    sheetEntry,
  ]);
}

/** An archive of `count` empty stored entries (about 90 bytes each). */
export function manyEntries(count: number): Buffer {
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) entries.push({ name: `x/${i.toString(36)}`, data: Buffer.alloc(0), method: 0, size: 0 });
  return buildZip(entries);
}
