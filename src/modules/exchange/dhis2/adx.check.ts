/**
 * The structural rules of ADX (IHE QRPH ADX 2015) that DHIS2's samples follow, checked on a
 * document: an `adx` root in the ADX namespace, groups with orgUnit, period (ISO 8601
 * start/duration) and dataSet, data values with dataElement and a numeric value, and only
 * `annotation` inside a data value. Used on our own exports and on files before import.
 */
import type { IssueDetail } from '../../../core/errors.js';
import { parseXmlSafely } from '../xml/safe-xml.js';
import { ADX_NAMESPACE } from './dhis2.writers.js';

const PERIOD = /^\d{4}-\d{2}-\d{2}\/P\d+[DWMY]$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Every rule the document breaks (empty when it conforms). */
export function checkAdx(xml: string, file = 'data.adx.xml'): IssueDetail[] {
  const issues: IssueDetail[] = [];
  const root = parseXmlSafely(xml, file);
  const bad = (row: number, column: string, value: unknown, reason: string) => issues.push({ file, row, column, value, reason });
  if (root.name !== 'adx') bad(root.line, 'adx', root.name, 'root element must be adx');
  // The parser drops xmlns attributes, so the namespace is checked on the text of the root tag.
  const rootTag = /<(?:\w+:)?adx\b[^>]*>/.exec(xml)?.[0] ?? '';
  if (!rootTag.includes(`"${ADX_NAMESPACE}"`)) bad(root.line, 'xmlns', '', `the adx element must be in namespace ${ADX_NAMESPACE}`);
  if (root.attrs.exported !== undefined && Number.isNaN(Date.parse(root.attrs.exported))) bad(root.line, 'exported', root.attrs.exported, 'not a date-time');
  const groups = root.children.filter((c) => c.name === 'group');
  if (!groups.length) bad(root.line, 'group', '', 'an adx document has at least one group');
  for (const c of root.children) if (c.name !== 'group') bad(c.line, c.name, '', 'only group elements may be inside adx');
  for (const g of groups) {
    for (const a of ['orgUnit', 'period', 'dataSet']) if (!g.attrs[a]) bad(g.line, a, '', `group requires ${a}`);
    if (g.attrs.period && !PERIOD.test(g.attrs.period))
      bad(g.line, 'period', g.attrs.period, 'period must be an ISO 8601 start/duration such as 2015-01-01/P1M');
    if (g.attrs.completeDate && !/^\d{4}-\d{2}-\d{2}/.test(g.attrs.completeDate)) bad(g.line, 'completeDate', g.attrs.completeDate, 'not a date');
    for (const dv of g.children) {
      if (dv.name !== 'dataValue') {
        bad(dv.line, dv.name, '', 'only dataValue elements may be inside a group');
        continue;
      }
      if (!dv.attrs.dataElement) bad(dv.line, 'dataElement', '', 'dataValue requires dataElement');
      if (dv.attrs.value === undefined) bad(dv.line, 'value', '', 'dataValue requires value');
      else if (!NUMBER.test(dv.attrs.value)) bad(dv.line, 'value', dv.attrs.value, 'value must be a number (text goes in annotation)');
      for (const c of dv.children) if (c.name !== 'annotation') bad(c.line, c.name, '', 'only annotation may be inside a dataValue');
    }
  }
  return issues;
}
