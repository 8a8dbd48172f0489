/**
 * A dataValueSet as read from any of the DHIS2 formats (JSON, CSV, DXF2 XML, ADX), before any
 * mapping: identifiers are still the file's own. Readers produce it; the mapping turns it into
 * Vigia value inputs; writers produce files from it.
 */

/** The identifier schemes a payload can name (DHIS2's `idScheme` family). */
export const ID_SCHEME_KEYS = ['idScheme', 'dataElementIdScheme', 'orgUnitIdScheme', 'categoryOptionComboIdScheme', 'attributeOptionComboIdScheme'] as const;
export type IdSchemeKey = (typeof ID_SCHEME_KEYS)[number];

export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  /** '' when left out (the default combination). */
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  /** ADX: disaggregation given as category → option attributes instead of a combo. */
  categoryOptions?: Record<string, string>;
  /** ADX: attribute combination given as attribute category → option on the group. */
  attributeOptions?: Record<string, string>;
  /** Undefined when the file has no value (DHIS2 then deletes the stored one). */
  value: string | undefined;
  comment: string;
  followup: boolean;
  deleted: boolean;
  storedBy?: string;
  created?: string;
  lastUpdated?: string;
  /** Where the value is in its file, for error reports: CSV line, XML line, or JSON position (1-based). */
  row: number;
  /** ADX: period as written (ISO 8601 interval), for error reports. */
  periodAsWritten?: string;
}

export interface Dhis2Payload {
  dataSet?: string;
  completeDate?: string;
  /** Identifier schemes the file declares; they override the mapping's for this file. */
  idSchemes: Partial<Record<IdSchemeKey, string>>;
  values: Dhis2DataValue[];
}

/** Reads a DHIS2 boolean as files write it ("true", true, "1"). */
export function dhis2Boolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return typeof v === 'string' && ['true', '1', 'yes'].includes(v.trim().toLowerCase());
}
