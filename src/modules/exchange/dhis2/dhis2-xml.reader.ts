/** DHIS2 DXF2 dataValueSet XML into a payload, through the safe XML parser. */
import { validationError } from '../../../core/errors.js';
import { parseXmlSafely, type XmlElement, type XmlLimits } from '../xml/safe-xml.js';
import { ID_SCHEME_KEYS, dhis2Boolean, type Dhis2DataValue, type Dhis2Payload } from './dhis2-payload.js';

/** An attribute, or a child element of that name (older DXF2 writes some fields as elements). */
function field(el: XmlElement, name: string): string | undefined {
  const a = el.attrs[name];
  if (a !== undefined) return a.trim();
  const child = el.children.find((c) => c.name === name);
  return child?.text;
}

/**
 * Parses a DXF2 `dataValueSet` document; values take the set's period, orgUnit and
 * attributeOptionCombo when they leave them out. Rows are XML line numbers.
 */
export function readDhis2Xml(xml: string, file = 'dataValueSet.xml', limits?: Partial<XmlLimits>): Dhis2Payload {
  const root = parseXmlSafely(xml, file, limits);
  if (root.name !== 'dataValueSet') {
    throw validationError(`${file}: the root element is <${root.name}>, not <dataValueSet>`, [
      { file, row: root.line, column: root.name, reason: 'not a DHIS2 dataValueSet' },
    ]);
  }
  const idSchemes: Dhis2Payload['idSchemes'] = {};
  for (const k of ID_SCHEME_KEYS) if (root.attrs[k]) idSchemes[k] = root.attrs[k];
  const values: Dhis2DataValue[] = root.children
    .filter((c) => c.name === 'dataValue')
    .map((el) => {
      const v: Dhis2DataValue = {
        dataElement: field(el, 'dataElement') ?? '',
        period: field(el, 'period') || (root.attrs.period ?? ''),
        orgUnit: field(el, 'orgUnit') || (root.attrs.orgUnit ?? ''),
        categoryOptionCombo: field(el, 'categoryOptionCombo') ?? '',
        attributeOptionCombo: field(el, 'attributeOptionCombo') || (root.attrs.attributeOptionCombo ?? ''),
        value: field(el, 'value'),
        comment: field(el, 'comment') ?? '',
        followup: dhis2Boolean(field(el, 'followup') ?? field(el, 'followUp')),
        deleted: dhis2Boolean(field(el, 'deleted')),
        row: el.line,
      };
      const storedBy = field(el, 'storedBy');
      if (storedBy) v.storedBy = storedBy;
      const lastUpdated = field(el, 'lastUpdated') ?? field(el, 'timestamp');
      if (lastUpdated) v.lastUpdated = lastUpdated;
      const created = field(el, 'created');
      if (created) v.created = created;
      return v;
    });
  const payload: Dhis2Payload = { idSchemes, values };
  if (root.attrs.dataSet) payload.dataSet = root.attrs.dataSet;
  const complete = root.attrs.completeDate ?? root.attrs.completedDate;
  if (complete) payload.completeDate = complete;
  return payload;
}
