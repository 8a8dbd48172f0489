/**
 * Writing mapped values as DHIS2 dataValueSet JSON, CSV and DXF2 XML, and as ADX. Numbers are
 * written as DHIS2 writes them (text), periods as DHIS2 ids or ADX intervals.
 */
import { stringify } from 'csv-stringify/sync';
import { xmlElement } from '../xml/xml-writer.js';
import type { ExportedValue } from './dhis2-mapping.service.js';
import { toAdxPeriod, toDhis2Period } from './dhis2-period.js';
import { DHIS2_CSV_COLUMNS } from './dhis2-csv.reader.js';
import { neutraliseCell } from '../../../core/spreadsheet-cells.js';

export const DXF2_NAMESPACE = 'http://dhis2.org/schema/dxf/2.0';
export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';

/** dataValueSet JSON; empty combos are left out (DHIS2 reads them as the default). */
export function writeDhis2Json(values: readonly ExportedValue[], dataSet?: string): string {
  const dataValues = values.map((v) => ({
    dataElement: v.dataElement,
    period: toDhis2Period(v.vigiaPeriod),
    orgUnit: v.orgUnit,
    ...(v.categoryOptionCombo ? { categoryOptionCombo: v.categoryOptionCombo } : {}),
    ...(v.attributeOptionCombo ? { attributeOptionCombo: v.attributeOptionCombo } : {}),
    value: v.value ?? '',
    ...(v.comment ? { comment: v.comment } : {}),
    followup: false,
  }));
  return JSON.stringify({ ...(dataSet ? { dataSet } : {}), dataValues }, null, 2) + '\n';
}

/**
 * dataValueSet CSV with the full header names the 2.43+ importer knows, in positional order.
 * The comment, free text, is neutralised against formula injection (the file is also opened
 * in spreadsheets); identifiers and numbers are written as they are.
 */
export function writeDhis2Csv(values: readonly ExportedValue[]): string {
  const rows = values.map((v) => [
    v.dataElement,
    toDhis2Period(v.vigiaPeriod),
    v.orgUnit,
    v.categoryOptionCombo,
    v.attributeOptionCombo,
    v.value ?? '',
    '',
    '',
    v.comment ? neutraliseCell(v.comment) : v.comment,
    'false',
    'false',
  ]);
  return stringify([[...DHIS2_CSV_COLUMNS], ...rows], { quoted: true });
}

/** DXF2 XML, one `dataValue` element per value. */
export function writeDhis2Xml(values: readonly ExportedValue[], dataSet?: string): string {
  const lines = values.map(
    (v) =>
      '  ' +
      xmlElement('dataValue', {
        dataElement: v.dataElement,
        period: toDhis2Period(v.vigiaPeriod),
        orgUnit: v.orgUnit,
        categoryOptionCombo: v.categoryOptionCombo,
        attributeOptionCombo: v.attributeOptionCombo,
        value: v.value,
        comment: v.comment,
        followup: 'false',
      }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement('dataValueSet', { xmlns: DXF2_NAMESPACE, dataSet }, ['\n', lines.join('\n'), '\n'])}\n`;
}

/**
 * ADX: one group per org unit, period and attribute combination; disaggregations as category
 * attributes where the mapping has categories, otherwise as `categoryOptionCombo`; comments as
 * `annotation`.
 */
export function writeAdx(values: readonly ExportedValue[], dataSet: string, exported = new Date().toISOString().replace(/\.\d+Z$/, 'Z')): string {
  const groups = new Map<string, { attrs: Record<string, string>; values: string[] }>();
  for (const v of values) {
    const attrs: Record<string, string> = { orgUnit: v.orgUnit, period: toAdxPeriod(v.vigiaPeriod), dataSet };
    if (v.attributeOptionCombo) attrs.attributeOptionCombo = v.attributeOptionCombo;
    Object.assign(attrs, v.attributeOptions ?? {});
    const key = JSON.stringify(attrs);
    const group = groups.get(key) ?? { attrs, values: [] };
    groups.set(key, group);
    const annotation = v.comment ? xmlElement('annotation', {}, v.comment, { text: true }) : undefined;
    group.values.push(
      '    ' +
        xmlElement(
          'dataValue',
          { dataElement: v.dataElement, ...(v.categoryOptions ?? {}), categoryOptionCombo: v.categoryOptionCombo, value: v.value },
          annotation,
        ),
    );
  }
  const body = [...groups.values()].map((g) => `  ${xmlElement('group', g.attrs, ['\n', g.values.join('\n'), '\n  '])}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement('adx', { xmlns: ADX_NAMESPACE, exported }, ['\n', body.join('\n'), '\n'])}\n`;
}
