/**
 * Applying a DHIS2 mapping: file identifiers → Vigia codes on import, and Vigia codes → file
 * identifiers on export. Pure functions over the mapping; no database.
 */
import type { IssueDetail } from '../../../core/errors.js';
import { disaggKey, parseDisagg } from '../../../core/disagg.js';
import type { Period } from '../../../core/periods.js';
import type { ValueInput } from '../../values/values.service.js';
import type { Dhis2Mapping } from './dhis2-mapping.schema.js';
import type { Dhis2DataValue, Dhis2Payload } from './dhis2-payload.js';
import { identifierOf, schemesFor } from './dhis2-identifiers.js';
import type { MappingIndex } from './dhis2-mapping-index.js';
import { mapDisagg, mapPartner, mapPeriod, mapTargets, type Bad } from './dhis2-value-parts.js';

export { indexMapping, type MappingIndex } from './dhis2-mapping-index.js';

/** One value of a file, mapped: a Vigia input to write, or a key to delete. */
export interface MappedValue {
  input: ValueInput;
  /** The row of the file it came from. */
  row: number;
  /** The file deletes this value (no value, or `deleted: true`). */
  delete: boolean;
  period: Period;
}

/**
 * Maps every value of a payload to a Vigia input. Returns the mapped values and every problem
 * found (row = the file's row, column = the DHIS2 field).
 */
export function mapPayload(
  payload: Dhis2Payload,
  ix: MappingIndex,
  opts: { file: string; periods: 'dhis2' | 'adx' },
): { values: MappedValue[]; issues: IssueDetail[] } {
  const issues: IssueDetail[] = [];
  const values: MappedValue[] = [];
  const schemes = schemesFor(ix.mapping, payload);
  for (const v of payload.values) {
    const before = issues.length;
    const bad: Bad = (column, value, reason) => issues.push({ file: opts.file, row: v.row, column, value, reason });
    const { de, ou } = mapTargets(v, ix, schemes, bad);
    const period = mapPeriod(v, opts.periods, bad);
    const disagg = mapDisagg(v, de, ix, schemes, bad);
    const partner = mapPartner(v, ix, schemes, bad);
    if (issues.length > before || !de || !ou || !period) continue;
    values.push(mappedValue(v, { de, ou, period, disagg, ...partner }, ix.mapping));
  }
  return { values, issues };
}

/** The Vigia input of a value whose every part mapped. */
function mappedValue(
  v: Dhis2DataValue,
  parts: {
    de: Dhis2Mapping['dataElements'][number];
    ou: Dhis2Mapping['orgUnits'][number];
    period: Period;
    disagg: Record<string, string>;
    source: string | undefined;
    organisation: string | undefined;
  },
  mapping: Dhis2Mapping,
): MappedValue {
  const del = v.deleted || v.value === undefined;
  return {
    row: v.row,
    delete: del,
    period: parts.period,
    input: {
      indicator: parts.de.indicator,
      place: parts.ou.place,
      period: parts.period.id,
      value: del ? 0 : (v.value ?? ''),
      disagg: parts.disagg,
      source: parts.source ?? parts.de.source,
      organisation: parts.organisation ?? null,
      note: v.comment || null,
      status: mapping.status,
    },
  };
}

/** A stored value, as the export reads it (codes, not ids). */
export interface StoredValue {
  indicator: string;
  place: string;
  period: Period;
  disagg: string;
  source: string;
  /** True when the indicator has at most one source, so a file need not name it. */
  sourceImplicit: boolean;
  organisation: string | null;
  value: number;
  note: string | null;
}

/** How an export names one value: identifiers and, for ADX, category attributes. */
export interface ExportedValue extends Dhis2DataValue {
  vigiaPeriod: Period;
}

/**
 * Maps stored values to DHIS2 identifiers. Values the mapping cannot name are reported (one
 * issue per distinct missing identifier) rather than dropped silently.
 */
export function unmapValues(rows: readonly StoredValue[], ix: MappingIndex, opts: { adx: boolean }): { values: ExportedValue[]; issues: IssueDetail[] } {
  const { mapping } = ix;
  const schemes = schemesFor(mapping);
  // First entry wins when several name the same Vigia thing (an import may accept synonyms).
  const deOf = new Map<string, Dhis2Mapping['dataElements'][number]>();
  for (const e of mapping.dataElements) {
    const k = `${e.indicator}|${e.disagg ? disaggKey(parseDisagg(e.disagg)) : ''}`;
    if (!deOf.has(k)) deOf.set(k, e);
  }
  const ouOf = new Map<string, string>();
  for (const e of mapping.orgUnits) if (!ouOf.has(e.place)) ouOf.set(e.place, identifierOf(e, schemes.orgUnit));
  const cocOf = new Map<string, string>();
  for (const e of mapping.categoryOptionCombos) {
    const k = disaggKey(parseDisagg(e.disagg));
    if (!cocOf.has(k)) cocOf.set(k, identifierOf(e, schemes.categoryOptionCombo));
  }
  const catOf = new Map<string, { attr: string; options: Map<string, string> }>();
  for (const c of mapping.categories) {
    if (catOf.has(c.dimension)) continue;
    const options = new Map<string, string>();
    for (const o of c.options) if (!options.has(o.option)) options.set(o.option, identifierOf(o, 'code'));
    catOf.set(c.dimension, { attr: identifierOf(c, 'code'), options });
  }

  const missing = new Map<string, IssueDetail>();
  const miss = (column: string, value: string, reason: string) => {
    const k = `${column}|${value}`;
    if (!missing.has(k)) missing.set(k, { column, value, reason });
  };
  const values: ExportedValue[] = [];
  rows.forEach((r, i) => {
    const d = r.disagg ? parseDisagg(r.disagg) : {};
    // A data element may carry part of the disaggregation itself; the most specific one wins.
    let de: Dhis2Mapping['dataElements'][number] | undefined;
    let rest: Record<string, string> = { ...d };
    for (const [k, e] of deOf) {
      const [ind, key] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
      if (ind !== r.indicator) continue;
      const own = key ? parseDisagg(key) : {};
      if (!Object.entries(own).every(([dim, opt]) => d[dim] === opt)) continue;
      if (!de || Object.keys(own).length > Object.keys(de.disagg ? parseDisagg(de.disagg) : {}).length) {
        de = e;
        rest = Object.fromEntries(Object.entries(d).filter(([dim]) => !(dim in own)));
      }
    }
    if (!de) return miss('indicator', r.indicator, 'no data element in the mapping for this indicator');
    const ou = ouOf.get(r.place);
    if (!ou) return miss('place', r.place, 'no org unit in the mapping for this place');
    const restKey = disaggKey(rest);
    let coc = '';
    let categoryOptions: Record<string, string> | undefined;
    const asCategories = opts.adx && Object.keys(rest).length > 0 && Object.entries(rest).every(([dim, opt]) => catOf.get(dim)?.options.has(opt));
    if (asCategories) {
      categoryOptions = {};
      for (const [dim, opt] of Object.entries(rest)) {
        const c = catOf.get(dim);
        if (c) categoryOptions[c.attr] = c.options.get(opt) ?? opt;
      }
    } else if (cocOf.has(restKey)) coc = cocOf.get(restKey) ?? '';
    else if (restKey) return miss('disagg', restKey, 'no category option combo in the mapping for this disaggregation');
    // The data element's own source needs no attribute option combo.
    const p = de.source !== undefined && r.source === de.source ? { ...r, sourceImplicit: true } : r;
    const aocEntry = bestPartner(mapping.attributeOptionCombos, p);
    let aoc = '';
    let attributeOptions: Record<string, string> | undefined;
    const attrCat = opts.adx ? bestAttributeOption(mapping.attributeCategories, p) : undefined;
    if (attrCat) attributeOptions = attrCat;
    else if (aocEntry) aoc = identifierOf(aocEntry, schemes.attributeOptionCombo);
    else if ((p.source && !p.sourceImplicit) || p.organisation) {
      return miss('source', [r.source, r.organisation].filter(Boolean).join('/'), 'no attribute option combo in the mapping for this source/organisation');
    }
    const v: ExportedValue = {
      dataElement: identifierOf(de, schemes.dataElement),
      period: r.period.id,
      vigiaPeriod: r.period,
      orgUnit: ou,
      categoryOptionCombo: coc,
      attributeOptionCombo: aoc,
      value: formatNumber(r.value),
      comment: r.note ?? '',
      followup: false,
      deleted: false,
      row: i + 1,
    };
    if (categoryOptions) v.categoryOptions = categoryOptions;
    if (attributeOptions) v.attributeOptions = attributeOptions;
    values.push(v);
  });
  return { values, issues: [...missing.values()] };
}

interface Partnerish {
  source?: string | undefined;
  organisation?: string | undefined;
}

/**
 * The entry naming exactly a value's source and organisation; an entry that leaves the source
 * out stands for the indicator's only source, one that leaves the organisation out for none.
 */
function bestPartner<E extends Partnerish>(entries: readonly E[], r: StoredValue): E | undefined {
  const source = r.sourceImplicit ? '' : r.source;
  return entries.find((e) => ((e.source ?? '') === source || e.source === r.source) && (e.organisation ?? null) === r.organisation);
}

function bestAttributeOption(cats: Dhis2Mapping['attributeCategories'], r: StoredValue): Record<string, string> | undefined {
  if ((!r.source || r.sourceImplicit) && !r.organisation) return undefined;
  for (const c of cats) {
    const o = bestPartner(c.options, r);
    if (o) return { [identifierOf(c, 'code')]: identifierOf(o, 'code') };
  }
  return undefined;
}

/** Numbers as DHIS2 writes them: no exponent, no trailing zeros. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = String(n);
  return s.includes('e') ? n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '') : s;
}
