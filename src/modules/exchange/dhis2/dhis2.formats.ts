/**
 * The DHIS2 formats of the exchange registry: dataValueSet JSON, CSV and DXF2 XML, and ADX.
 * Each reads the whole upload (within a size limit), parses it safely, maps it and imports it
 * all-or-nothing; each exports the program's values through the same mapping.
 */
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../../db/database.js';
import { isVigiaError } from '../../../core/errors.js';
import type { ExchangeFormat, ExportOptions, ImportOptions, ImportReport } from '../exchange-format.js';
import { readAdx } from './adx.reader.js';
import { exportDhis2Values } from './dhis2-export.service.js';
import { failedReport, importDhis2Payload } from './dhis2-import.service.js';
import { decodeText, readLimited } from './dhis2-input.js';
import { readDhis2Csv } from './dhis2-csv.reader.js';
import { readDhis2Json } from './dhis2-json.reader.js';
import type { Dhis2Payload } from './dhis2-payload.js';
import { readDhis2Xml } from './dhis2-xml.reader.js';
import { writeAdx, writeDhis2Csv, writeDhis2Json, writeDhis2Xml } from './dhis2.writers.js';

/** Extra options of the DHIS2 formats: the file name for reports and the size limit. */
export interface Dhis2ImportOptions extends ImportOptions {
  file?: string;
  maxBytes?: number;
}

/** XML declares its encoding; Latin-1 is honoured, anything else must be UTF-8. */
function decodeXml(buf: Buffer, file: string): string {
  const head = buf.subarray(0, 200).toString('latin1');
  const declared = /^<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared && ['iso-8859-1', 'latin1', 'windows-1252'].includes(declared)) return buf.toString('latin1');
  return decodeText(buf, file, false);
}

function dhis2Format(spec: {
  name: string;
  description: string;
  extension: string;
  contentType: string;
  periods: 'dhis2' | 'adx';
  parse(buf: Buffer, file: string): Dhis2Payload;
  write(values: Parameters<typeof writeDhis2Json>[0], dataSet: string): string;
}): ExchangeFormat {
  return {
    name: spec.name,
    description: spec.description,
    extension: spec.extension,
    contentType: spec.contentType,
    async import(db: Db, input: Readable, options: Dhis2ImportOptions): Promise<ImportReport> {
      const file = options.file ?? `upload.${spec.extension}`;
      try {
        const buf = await readLimited(input, file, options.maxBytes);
        const payload = spec.parse(buf, file);
        return await importDhis2Payload(db, payload, { ...options, format: spec.name, file, periods: spec.periods });
      } catch (e) {
        // Bad files are answered with a report, never a stack trace; other failures propagate.
        if (isVigiaError(e) && e.kind === 'validation') {
          const errors = e.details.length ? e.details.map((d) => ({ file, ...d })) : [{ file, reason: e.message }];
          return failedReport(spec.name, options.dryRun, 0, errors);
        }
        throw e;
      }
    },
    async export(db: Db, out: Writable, options: ExportOptions): Promise<void> {
      const { mapping, values } = await exportDhis2Values(db, options, { adx: spec.periods === 'adx' });
      const text = spec.write(values, mapping.dataSet ?? options.program);
      await new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
    },
  };
}

export const dhis2JsonFormat = dhis2Format({
  name: 'dhis2-json',
  description: 'DHIS2 dataValueSet, JSON',
  extension: 'json',
  contentType: 'application/json',
  periods: 'dhis2',
  parse: (buf, file) => readDhis2Json(decodeText(buf, file, false), file),
  write: (values, dataSet) => writeDhis2Json(values, dataSet),
});

export const dhis2CsvFormat = dhis2Format({
  name: 'dhis2-csv',
  description: 'DHIS2 dataValueSet, CSV (by header name or by position)',
  extension: 'csv',
  contentType: 'text/csv; charset=utf-8',
  periods: 'dhis2',
  parse: (buf, file) => readDhis2Csv(decodeText(buf, file, true), file),
  write: (values) => writeDhis2Csv(values),
});

export const dhis2XmlFormat = dhis2Format({
  name: 'dhis2-xml',
  description: 'DHIS2 dataValueSet, DXF2 XML',
  extension: 'xml',
  contentType: 'application/xml',
  periods: 'dhis2',
  parse: (buf, file) => readDhis2Xml(decodeXml(buf, file), file),
  write: (values, dataSet) => writeDhis2Xml(values, dataSet),
});

export const adxFormat = dhis2Format({
  name: 'adx',
  description: 'ADX (IHE aggregate data exchange) XML, as DHIS2 reads and writes it',
  extension: 'adx.xml',
  contentType: 'application/adx+xml',
  periods: 'adx',
  parse: (buf, file) => readAdx(decodeXml(buf, file), file),
  write: (values, dataSet) => writeAdx(values, dataSet),
});
