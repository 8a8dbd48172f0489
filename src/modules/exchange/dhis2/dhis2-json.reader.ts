/** DHIS2 dataValueSet JSON into a payload, tolerant of the spellings real servers write. */
import { validationError, type IssueDetail } from '../../../core/errors.js';
import { ID_SCHEME_KEYS, dhis2Boolean, type Dhis2DataValue, type Dhis2Payload } from './dhis2-payload.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A scalar field as text; null/absent → ''. */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/**
 * Parses a dataValueSet JSON document. Values may carry their own period/orgUnit/
 * attributeOptionCombo or take the set's; `followup`/`followUp` and
 * `completeDate`/`completedDate` are both read. Rows are 1-based positions in `dataValues`.
 */
export function readDhis2Json(textIn: string, file = 'dataValueSet.json'): Dhis2Payload {
  let doc: unknown;
  try {
    doc = JSON.parse(textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw validationError(`${file}: not valid JSON (truncated?): ${reason}`, [{ file, reason: `not valid JSON: ${reason}` }]);
  }
  if (!isObject(doc) || !Array.isArray(doc.dataValues)) {
    throw validationError(`${file}: not a dataValueSet (an object with a "dataValues" array)`, [
      { file, column: 'dataValues', reason: 'missing or not an array' },
    ]);
  }
  const idSchemes: Dhis2Payload['idSchemes'] = {};
  for (const k of ID_SCHEME_KEYS) if (typeof doc[k] === 'string') idSchemes[k] = doc[k];
  const issues: IssueDetail[] = [];
  const values: Dhis2DataValue[] = [];
  doc.dataValues.forEach((raw: unknown, i: number) => {
    const row = i + 1;
    if (!isObject(raw)) {
      issues.push({ file, row, column: 'dataValues', reason: 'a data value must be an object' });
      return;
    }
    const v: Dhis2DataValue = {
      dataElement: text(raw.dataElement),
      period: text(raw.period) || text(doc.period),
      orgUnit: text(raw.orgUnit) || text(doc.orgUnit),
      categoryOptionCombo: text(raw.categoryOptionCombo),
      attributeOptionCombo: text(raw.attributeOptionCombo) || text(doc.attributeOptionCombo),
      value: raw.value === undefined || raw.value === null ? undefined : text(raw.value),
      comment: text(raw.comment),
      followup: dhis2Boolean(raw.followup ?? raw.followUp),
      deleted: dhis2Boolean(raw.deleted),
      row,
    };
    if (typeof raw.storedBy === 'string') v.storedBy = raw.storedBy;
    if (typeof raw.created === 'string') v.created = raw.created;
    if (typeof raw.lastUpdated === 'string') v.lastUpdated = raw.lastUpdated;
    values.push(v);
  });
  if (issues.length) throw validationError(`${file}: ${issues.length} malformed data value(s); nothing was saved`, issues);
  const payload: Dhis2Payload = { idSchemes, values };
  if (text(doc.dataSet)) payload.dataSet = text(doc.dataSet);
  const complete = text(doc.completeDate) || text(doc.completedDate);
  if (complete) payload.completeDate = complete;
  return payload;
}
