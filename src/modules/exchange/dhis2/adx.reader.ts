/**
 * ADX (IHE QRPH aggregate data exchange) XML into a payload. Group attributes other than the
 * ADX ones are attribute categories (a funding mechanism…); dataValue attributes other than the
 * ADX ones are categories of the disaggregation. An `annotation` is the value's comment.
 */
import { validationError } from '../../../core/errors.js';
import { parseXmlSafely, type XmlLimits } from '../xml/safe-xml.js';
import type { Dhis2DataValue, Dhis2Payload } from './dhis2-payload.js';

const GROUP_ATTRS = new Set(['orgUnit', 'period', 'dataSet', 'completeDate', 'attributeOptionCombo', 'exported']);
const VALUE_ATTRS = new Set(['dataElement', 'value', 'categoryOptionCombo']);

/** Parses an `adx` document; `period` keeps the ISO interval as written (see fromAdxPeriod). */
export function readAdx(xml: string, file = 'data.adx.xml', limits?: Partial<XmlLimits>): Dhis2Payload {
  const root = parseXmlSafely(xml, file, limits);
  if (root.name !== 'adx') {
    throw validationError(`${file}: the root element is <${root.name}>, not <adx>`, [
      { file, row: root.line, column: root.name, reason: 'not an ADX document' },
    ]);
  }
  const values: Dhis2DataValue[] = [];
  const groups = root.children.filter((g) => g.name === 'group');
  for (const g of groups) {
    const attributeOptions: Record<string, string> = {};
    for (const [k, v] of Object.entries(g.attrs)) if (!GROUP_ATTRS.has(k)) attributeOptions[k] = v;
    for (const el of g.children.filter((c) => c.name === 'dataValue')) {
      const categoryOptions: Record<string, string> = {};
      for (const [k, v] of Object.entries(el.attrs)) if (!VALUE_ATTRS.has(k)) categoryOptions[k] = v;
      const annotation = el.children.find((c) => c.name === 'annotation')?.text ?? '';
      const v: Dhis2DataValue = {
        dataElement: el.attrs.dataElement ?? '',
        period: g.attrs.period ?? '',
        periodAsWritten: g.attrs.period ?? '',
        orgUnit: g.attrs.orgUnit ?? '',
        categoryOptionCombo: el.attrs.categoryOptionCombo ?? '',
        attributeOptionCombo: g.attrs.attributeOptionCombo ?? '',
        value: el.attrs.value,
        comment: annotation,
        followup: false,
        deleted: false,
        row: el.line,
      };
      if (Object.keys(categoryOptions).length) v.categoryOptions = categoryOptions;
      if (Object.keys(attributeOptions).length) v.attributeOptions = attributeOptions;
      values.push(v);
    }
  }
  const payload: Dhis2Payload = { idSchemes: {}, values };
  const dataSet = groups[0]?.attrs.dataSet;
  if (dataSet) payload.dataSet = dataSet;
  return payload;
}
