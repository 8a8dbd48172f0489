/**
 * Puts the PIRS book together for a reader: the program's indicators they may read, in
 * framework order (or one of them), each with its reference sheet, its figures and its last DQA.
 * Unknown programs and indicators are validation errors naming the field, as for the tracking table.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { validationError } from '../../core/errors.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';
import type { AnalyticsProgram } from '../analytics/program-lookups.js';
import { countryOf } from '../analytics/analytics-progress.service.js';
import { referenceSheetViews } from '../indicators/indicator-reference.service.js';
import { lastDqas } from '../dqa/dqa-read.service.js';
import { findFrameworkNodes } from '../reports/report.repo.js';
import { frameworkOrder, trackingCatalog } from '../tracking/tracking-table.service.js';
import { pirsFigures } from './pirs-figures.service.js';
import type { PirsBook, PirsSection } from './pirs-book.js';

type Db = Kysely<Database>;

export interface PirsRequest {
  program: string;
  /** One indicator's sheet; the whole book when absent. */
  indicator?: string | undefined;
  /** Leave out indicators above this clearance (the reader's); every indicator when absent. */
  maxSensitivity?: Clearance | undefined;
  /** Name who made each change (signed-in readers and the CLI); false for the public. */
  namesAuthors?: boolean | undefined;
}

/** The PIRS book (or one sheet) of a program, from the live data. */
export async function pirsBook(db: Db, req: PirsRequest): Promise<PirsBook> {
  const catalog = await trackingCatalog(db, req.program);
  let indicators = await frameworkOrder(db, catalog, undefined);
  if (req.maxSensitivity) {
    const ceiling = req.maxSensitivity;
    const sensitivities = await indicatorSensitivities(db, catalog);
    indicators = indicators.filter((i) => mayReadIndicator(sensitivities, i.code, ceiling));
  }
  if (req.indicator !== undefined) {
    const one = indicators.find((i) => i.code === req.indicator);
    if (!one) {
      const reason = `program ${catalog.program.code} has no indicator "${req.indicator}"`;
      throw validationError(`indicator: ${reason}`, [{ column: 'indicator', value: req.indicator, reason }]);
    }
    indicators = [one];
  }
  const ap: AnalyticsProgram = { id: catalog.program.id, code: catalog.program.code, indicators: catalog.indicators };
  const place = await countryOf(db, ap);
  const [sheets, figures, dqas, nodes] = await Promise.all([
    referenceSheetViews(db, indicators, { namesAuthors: req.namesAuthors ?? false }),
    pirsFigures(db, ap, catalog.program.fiscal_year_start_month, place, indicators),
    lastDqas(
      db,
      indicators.map((i) => i.id),
    ),
    findFrameworkNodes(db, catalog.program.id),
  ]);
  const sections: PirsSection[] = [];
  indicators.forEach((ind, i) => {
    const node = nodes.find((n) => n.id === ind.component_id) ?? null;
    const code = node?.code ?? null;
    let section = sections.at(-1);
    if (!section || section.code !== code) {
      section = { code, name: node ? { en: node.name_en, es: node.name_es } : null, sheets: [] };
      sections.push(section);
    }
    section.sheets.push({ sheet: sheets[i]!, decimals: ind.decimals, series: figures.get(ind.code) ?? [], last_dqa: dqas.get(ind.id) ?? null });
  });
  return {
    program: catalog.program.code,
    program_name: { en: catalog.program.name_en, es: catalog.program.name_es },
    place: { code: place.code, name: place.name },
    data_version: catalog.program.data_version,
    indicator: req.indicator ?? null,
    sections,
  };
}
