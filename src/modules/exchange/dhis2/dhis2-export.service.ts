/** Exporting a program's values as DHIS2 identifiers, ready for any of the writers. */
import type { Db } from '../../../db/database.js';
import { validationError } from '../../../core/errors.js';
import { parsePeriod } from '../../../core/periods.js';
import { loadCatalog } from '../../catalog/catalog.repo.js';
import type { ExportOptions } from '../exchange-format.js';
import { valueScopeOf } from '../../catalog/indicator-sensitivity.service.js';
import { listValuesForExport } from './dhis2-export.repo.js';
import { parseDhis2Mapping, type Dhis2Mapping } from './dhis2-mapping.schema.js';
import { indexMapping, unmapValues, type ExportedValue } from './dhis2-mapping.service.js';

/**
 * The program's values mapped to DHIS2. Refuses (listing what is missing) when the mapping
 * cannot name a value, rather than leave values out of the file unnoticed.
 */
export async function exportDhis2Values(db: Db, options: ExportOptions, opts: { adx: boolean }): Promise<{ mapping: Dhis2Mapping; values: ExportedValue[] }> {
  const mapping = parseDhis2Mapping(options.mapping);
  const catalog = await loadCatalog(db, options.program, []);
  const rows = await listValuesForExport(
    db,
    catalog.program.id,
    await valueScopeOf(db, catalog, {
      approvedOnly: options.approvedOnly ?? false,
      ownOrganisationId: options.ownOrganisationId ?? null,
      maxSensitivity: options.maxSensitivity ?? 'restricted',
    }),
  );
  const stored = rows.map((r) => ({
    ...r,
    period: parsePeriod(r.period),
    sourceImplicit: (catalog.indicators.get(r.indicator)?.sources.length ?? 0) <= 1,
  }));
  const { values, issues } = unmapValues(stored, indexMapping(mapping), opts);
  if (issues.length) throw validationError(`the mapping cannot name ${issues.length} thing(s) of program ${options.program}; add them to the mapping`, issues);
  return { mapping, values };
}
