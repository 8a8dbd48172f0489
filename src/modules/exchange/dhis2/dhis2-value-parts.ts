/**
 * The steps of mapping one DHIS2 data value on import (mapPayload): its data element and org
 * unit, its period, its disaggregation (from the data element, the category option combo or
 * ADX categories) and its partner (source and organisation, from the attribute option combo
 * or ADX attribute categories). Each step reports what it cannot map through `bad`.
 */
import type { Period } from '../../../core/periods.js';
import { parseDisagg } from '../../../core/disagg.js';
import type { IdScheme, Dhis2Mapping } from './dhis2-mapping.schema.js';
import type { Dhis2DataValue } from './dhis2-payload.js';
import { NameIndex, type Kind } from './dhis2-identifiers.js';
import type { MappingIndex } from './dhis2-mapping-index.js';
import { fromAdxPeriod, fromDhis2Period } from './dhis2-period.js';

/** Reports a problem with one field of the value being mapped. */
export type Bad = (column: string, value: unknown, reason: string) => void;

type Schemes = Record<Kind, IdScheme>;

/** The value's data element and org unit, each reported when missing or not in the mapping. */
export function mapTargets(
  v: Dhis2DataValue,
  ix: MappingIndex,
  schemes: Schemes,
  bad: Bad,
): { de: Dhis2Mapping['dataElements'][number] | undefined; ou: Dhis2Mapping['orgUnits'][number] | undefined } {
  const required = (column: Kind, value: string): boolean => {
    if (value) return true;
    bad(column, value, `${column} is missing`);
    return false;
  };
  const de = required('dataElement', v.dataElement) ? ix.dataElements.find(v.dataElement, schemes.dataElement) : undefined;
  if (v.dataElement && !de) bad('dataElement', v.dataElement, `unknown data element (not in the mapping, by ${schemes.dataElement})`);
  const ou = required('orgUnit', v.orgUnit) ? ix.orgUnits.find(v.orgUnit, schemes.orgUnit) : undefined;
  if (v.orgUnit && !ou) bad('orgUnit', v.orgUnit, `unknown org unit (not in the mapping, by ${schemes.orgUnit})`);
  return { de, ou };
}

/** The value's period, read as DHIS2 or ADX writes it; undefined (and reported) when unreadable. */
export function mapPeriod(v: Dhis2DataValue, periods: 'dhis2' | 'adx', bad: Bad): Period | undefined {
  const periodText = periods === 'adx' ? (v.periodAsWritten ?? v.period) : v.period;
  const period = periodText ? (periods === 'adx' ? fromAdxPeriod(periodText) : fromDhis2Period(periodText)) : { reason: 'period is missing' };
  if ('reason' in period) {
    bad('period', periodText, period.reason);
    return undefined;
  }
  return period;
}

/**
 * The value's disaggregation: what its data element carries, then its category option combo
 * (or the mapping's default), then its ADX categories; two parts that disagree are reported.
 */
export function mapDisagg(
  v: Dhis2DataValue,
  de: Dhis2Mapping['dataElements'][number] | undefined,
  ix: MappingIndex,
  schemes: Schemes,
  bad: Bad,
): Record<string, string> {
  const { mapping } = ix;
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
  return disagg;
}

/**
 * The value's partner: source and organisation from its attribute option combo (or the
 * mapping's default), then its ADX attribute categories; two parts that disagree are reported.
 */
export function mapPartner(v: Dhis2DataValue, ix: MappingIndex, schemes: Schemes, bad: Bad): { source: string | undefined; organisation: string | undefined } {
  const { mapping } = ix;
  let source: string | undefined;
  let organisation: string | undefined;
  const addPartner = (column: string, value: string, p: { source?: string | undefined; organisation?: string | undefined }) => {
    if (p.source !== undefined && source !== undefined && p.source !== source) bad(column, value, `gives source ${p.source}, but ${source} is already set`);
    if (p.organisation !== undefined && organisation !== undefined && p.organisation !== organisation)
      bad(column, value, `gives organisation ${p.organisation}, but ${organisation} is already set`);
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
  return { source, organisation };
}
