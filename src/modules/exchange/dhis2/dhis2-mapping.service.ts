/**
 * Applying a DHIS2 mapping: file identifiers → Vigia codes on import, and Vigia codes → file
 * identifiers on export. Pure functions over the mapping; no database.
 */
import type { IssueDetail } from '../../../core/errors.js';
import { disaggKey, parseDisagg } from '../../../core/disagg.js';
import type { Period } from '../../../core/periods.js';
import type { ValueInput } from '../../values/values.service.js';
import type { Dhis2Mapping, IdScheme } from './dhis2-mapping.schema.js';
import type { Dhis2DataValue, Dhis2Payload, IdSchemeKey } from './dhis2-payload.js';
import { fromAdxPeriod, fromDhis2Period } from './dhis2-period.js';
import { IdSchemeSchema } from './dhis2-mapping.schema.js';

interface Named {
  id?: string | undefined;
  code?: string | undefined;
  name?: string | undefined;
}

/** Entries of one kind, findable by uid, code or name. */
class NameIndex<E extends Named> {
  private readonly by = { uid: new Map<string, E>(), code: new Map<string, E>(), name: new Map<string, E>() };
  constructor(readonly entries: readonly E[]) {
    for (const e of entries) {
      if (e.id !== undefined && !this.by.uid.has(e.id)) this.by.uid.set(e.id, e);
      if (e.code !== undefined && !this.by.code.has(e.code)) this.by.code.set(e.code, e);
      if (e.name !== undefined && !this.by.name.has(e.name)) this.by.name.set(e.name, e);
    }
  }
  find(key: string, scheme: IdScheme): E | undefined {
    if (scheme !== 'auto') return this.by[scheme].get(key);
    return this.by.uid.get(key) ?? this.by.code.get(key) ?? this.by.name.get(key);
  }
}

/** The identifier a file should carry for `e` under `scheme`, falling back to what is known. */
export function identifierOf(e: Named, scheme: IdScheme): string {
  const order = scheme === 'code' ? [e.code, e.id, e.name] : scheme === 'name' ? [e.name, e.code, e.id] : [e.id, e.code, e.name];
  return order.find((x) => x !== undefined) ?? '';
}

type Kind = 'dataElement' | 'orgUnit' | 'categoryOptionCombo' | 'attributeOptionCombo';

/** The scheme for one kind: the file's own declaration first, then the mapping's. */
function schemeFor(kind: Kind, mapping: Dhis2Mapping, payload?: Dhis2Payload): IdScheme {
  const key = `${kind}IdScheme` as IdSchemeKey;
  const declared = payload?.idSchemes[key] ?? payload?.idSchemes.idScheme;
  if (declared !== undefined) {
    const r = IdSchemeSchema.safeParse(declared);
    if (r.success) return r.data;
  }
  const own = mapping[key as Exclude<IdSchemeKey, 'idScheme'>];
  return own ?? mapping.idScheme;
}

/** One value of a file, mapped: a Vigia input to write, or a key to delete. */
export interface MappedValue {
  input: ValueInput;
  /** The row of the file it came from. */
  row: number;
  /** The file deletes this value (no value, or `deleted: true`). */
  delete: boolean;
  period: Period;
}

/** Indexes of a mapping, built once per import or export. */
export interface MappingIndex {
  mapping: Dhis2Mapping;
  dataElements: NameIndex<Dhis2Mapping['dataElements'][number]>;
  orgUnits: NameIndex<Dhis2Mapping['orgUnits'][number]>;
  cocs: NameIndex<Dhis2Mapping['categoryOptionCombos'][number]>;
  aocs: NameIndex<Dhis2Mapping['attributeOptionCombos'][number]>;
  categories: NameIndex<Dhis2Mapping['categories'][number]>;
  attributeCategories: NameIndex<Dhis2Mapping['attributeCategories'][number]>;
}

/** Builds the lookups of a mapping. */
export function indexMapping(mapping: Dhis2Mapping): MappingIndex {
  return {
    mapping,
    dataElements: new NameIndex(mapping.dataElements),
    orgUnits: new NameIndex(mapping.orgUnits),
    cocs: new NameIndex(mapping.categoryOptionCombos),
    aocs: new NameIndex(mapping.attributeOptionCombos),
    categories: new NameIndex(mapping.categories),
    attributeCategories: new NameIndex(mapping.attributeCategories),
  };
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
  const { mapping } = ix;
  const issues: IssueDetail[] = [];
  const values: MappedValue[] = [];
  const schemes = {
    dataElement: schemeFor('dataElement', mapping, payload),
    orgUnit: schemeFor('orgUnit', mapping, payload),
    categoryOptionCombo: schemeFor('categoryOptionCombo', mapping, payload),
    attributeOptionCombo: schemeFor('attributeOptionCombo', mapping, payload),
  };
  for (const v of payload.values) {
    const before = issues.length;
    const bad = (column: string, value: unknown, reason: string) => issues.push({ file: opts.file, row: v.row, column, value, reason });
    const required = (column: Kind, value: string): boolean => {
      if (value) return true;
      bad(column, value, `${column} is missing`);
      return false;
    };

    const de = required('dataElement', v.dataElement) ? ix.dataElements.find(v.dataElement, schemes.dataElement) : undefined;
    if (v.dataElement && !de) bad('dataElement', v.dataElement, `unknown data element (not in the mapping, by ${schemes.dataElement})`);
    const ou = required('orgUnit', v.orgUnit) ? ix.orgUnits.find(v.orgUnit, schemes.orgUnit) : undefined;
    if (v.orgUnit && !ou) bad('orgUnit', v.orgUnit, `unknown org unit (not in the mapping, by ${schemes.orgUnit})`);

    const periodText = opts.periods === 'adx' ? (v.periodAsWritten ?? v.period) : v.period;
    const period = periodText ? (opts.periods === 'adx' ? fromAdxPeriod(periodText) : fromDhis2Period(periodText)) : { reason: 'period is missing' };
    if ('reason' in period) bad('period', periodText, period.reason);

    const disagg: Record<string, string> = {};
    const addDisagg = (column: string, value: unknown, key: string) => {
      try {
        for (const [dim, opt] of Object.entries(parseDisagg(key))) {
          if (disagg[dim] !== undefined && disagg[dim] !== opt) bad(column, value, `gives ${dim}=${opt}, but ${dim}=${disagg[dim]} is already set`);
          disagg[dim] = opt;
        }
      } catch (e) {
        bad(column, value, `the mapping's disaggregation is wrong: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    if (de?.disagg) addDisagg('dataElement', v.dataElement, de.disagg);
    const cocId = v.categoryOptionCombo || (v.categoryOptions ? '' : (mapping.defaultCategoryOptionCombo ?? ''));
    if (cocId) {
      const coc = ix.cocs.find(cocId, schemes.categoryOptionCombo);
      if (!coc) bad('categoryOptionCombo', cocId, `unknown category option combo (not in the mapping, by ${schemes.categoryOptionCombo})`);
      else addDisagg('categoryOptionCombo', cocId, coc.disagg);
    }
    for (const [cat, opt] of Object.entries(v.categoryOptions ?? {})) {
      const c = ix.categories.find(cat, 'auto');
      const o = c ? new NameIndex(c.options).find(opt, 'auto') : undefined;
      if (!c) bad(cat, opt, `unknown category "${cat}" (not in the mapping's categories)`);
      else if (!o) bad(cat, opt, `unknown option of category ${cat}`);
      else addDisagg(cat, opt, `${c.dimension}=${o.option}`);
    }

    let source: string | undefined;
    let organisation: string | undefined;
    const addPartner = (column: string, value: string, p: { source?: string | undefined; organisation?: string | undefined }) => {
      if (p.source !== undefined && source !== undefined && p.source !== source) bad(column, value, `gives source ${p.source}, but ${source} is already set`);
      if (p.organisation !== undefined && organisation !== undefined && p.organisation !== organisation) bad(column, value, `gives organisation ${p.organisation}, but ${organisation} is already set`);
      source = p.source ?? source;
      organisation = p.organisation ?? organisation;
    };
    const aocId = v.attributeOptionCombo || (v.attributeOptions ? '' : (mapping.defaultAttributeOptionCombo ?? ''));
    if (aocId) {
      const aoc = ix.aocs.find(aocId, schemes.attributeOptionCombo);
      if (!aoc) bad('attributeOptionCombo', aocId, `unknown attribute option combo (not in the mapping, by ${schemes.attributeOptionCombo})`);
      else addPartner('attributeOptionCombo', aocId, aoc);
    }
    for (const [cat, opt] of Object.entries(v.attributeOptions ?? {})) {
      const c = ix.attributeCategories.find(cat, 'auto');
      const o = c ? new NameIndex(c.options).find(opt, 'auto') : undefined;
      if (!c) bad(cat, opt, `unknown attribute category "${cat}" (not in the mapping's attributeCategories)`);
      else if (!o) bad(cat, opt, `unknown option of attribute category ${cat}`);
      else addPartner(cat, opt, o);
    }

    const del = v.deleted || v.value === undefined;
    if (issues.length > before || !de || !ou || 'reason' in period) continue;
    values.push({
      row: v.row,
      delete: del,
      period,
      input: {
        indicator: de.indicator,
        place: ou.place,
        period: period.id,
        value: del ? 0 : (v.value ?? ''),
        disagg,
        source: source ?? de.source,
        organisation: organisation ?? null,
        note: v.comment || null,
        status: mapping.status,
      },
    });
  }
  return { values, issues };
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
  const schemes = {
    dataElement: schemeFor('dataElement', mapping),
    orgUnit: schemeFor('orgUnit', mapping),
    categoryOptionCombo: schemeFor('categoryOptionCombo', mapping),
    attributeOptionCombo: schemeFor('attributeOptionCombo', mapping),
  };
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
