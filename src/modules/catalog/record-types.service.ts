/**
 * Which record types a program has and how their roll-ups apply there: the built-in types,
 * overridden or extended by the program's own (stored) definitions, each compiled against the
 * program's indicators.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound, validationError, type IssueDetail } from '../../core/errors.js';
import { parseRecordType, type FieldDefinition, type RecordTypeDefinition } from '../../core/record-types/definition.schema.js';
import type { Sensitivity } from '../../core/sensitivity.js';
import { hiddenFields, mayRead } from '../../core/record-types/sensitivity.js';
import { compileRollups, type RollupPlan } from '../../core/record-types/rollups.js';
import { BUILTIN_RECORD_TYPES } from '../../core/record-types/builtin/index.js';
import { effectiveSensitivities, rollupSourcesOf } from '../../core/derived-sensitivity.js';
import { loadCatalog, type Catalog } from './catalog.repo.js';
import { findRecordTypeRows } from './record-types.repo.js';

/** A record type as it applies in one program. */
export interface RecordTypeInUse {
  definition: RecordTypeDefinition;
  /** True for a type that ships with Vigia (and is not overridden by the program). */
  builtin: boolean;
  plan: RollupPlan;
  /** For a program's own type: roll-ups that do not fit the program (unknown indicator, …). */
  problems: IssueDetail[];
}

export type RecordTypes = Map<string, RecordTypeInUse>;

/** Compiles one definition against the catalog; the program's own types are checked strictly. */
export function typeInUse(definition: RecordTypeDefinition, catalog: Catalog, builtin: boolean): RecordTypeInUse {
  const { plan, problems } = compileRollups(definition, (code) => catalog.indicators.get(code), !builtin);
  return { definition, builtin, plan, problems };
}

/** Every record type of the program: built-in ones, then the program's own (which win on a shared code). */
export async function loadRecordTypes(db: Kysely<Database>, catalog: Catalog): Promise<RecordTypes> {
  const types: RecordTypes = new Map();
  for (const def of BUILTIN_RECORD_TYPES.values()) types.set(def.code, typeInUse(def, catalog, true));
  for (const row of await findRecordTypeRows(db, catalog.program.id)) {
    const def = parseRecordType(JSON.parse(row.definition), `record type ${row.code}`);
    types.set(def.code, typeInUse(def, catalog, false));
  }
  return types;
}

/** The type with this code, ready to write records of; a program type whose roll-ups do not fit is refused. */
export function requireRecordType(types: RecordTypes, code: string): RecordTypeInUse {
  const t = types.get(code);
  if (!t) throw notFound(`no record type "${code}" (known: ${[...types.keys()].sort().join(', ')})`);
  if (t.problems.length) {
    throw validationError(
      `record type "${code}" does not fit the program's indicators`,
      t.problems.map((d) => ({ file: `record type ${code}`, ...d })),
    );
  }
  return t;
}

/** A summary of a program's record types: what exists and which roll-ups are active. */
export interface RecordTypeSummary {
  code: string;
  name: { en: string; es: string };
  builtin: boolean;
  fields: number;
  rollups: Array<{ indicator: string; active: boolean; reason?: string }>;
}

/** Lists the record types of a program with their active and inactive roll-ups. */
export async function listRecordTypes(db: Kysely<Database>, programCode: string): Promise<RecordTypeSummary[]> {
  const catalog = await loadCatalog(db, programCode);
  const types = await loadRecordTypes(db, catalog);
  return [...types.values()].map((t) => ({
    code: t.definition.code,
    name: t.definition.name,
    builtin: t.builtin,
    fields: t.definition.fields.length,
    rollups: t.definition.rollups.map((r, i) => {
      const off = t.plan.inactive.find((x) => x.index === i);
      return off ? { indicator: r.indicator, active: false, reason: off.reason } : { indicator: r.indicator, active: true };
    }),
  }));
}

/** A record type as one reader may see it: the fields up to their clearance, and which are hidden. */
export interface RecordTypeView {
  code: string;
  name: { en: string; es: string };
  description?: { en: string; es: string } | undefined;
  builtin: boolean;
  place_field: string;
  date_field: string;
  organisation_field?: string | undefined;
  fields: FieldDefinition[];
  /** Field codes above the reader's clearance (`case_reference`, `stages.outcome`). */
  hidden: string[];
  rollups: Array<{ indicator: string; active: boolean }>;
}

/**
 * The record types of a program with their field definitions, for forms and tables. Fields
 * above `clearance` are left out (only their codes are named in `hidden`), so a reader's
 * client never learns more of a record's shape than it may fill in or read.
 */
export async function describeRecordTypes(db: Kysely<Database>, programCode: string, clearance: Sensitivity): Promise<RecordTypeView[]> {
  const catalog = await loadCatalog(db, programCode, []);
  const types = await loadRecordTypes(db, catalog);
  // A roll-up names its indicator: only those the reader may read are named.
  const indicators = effectiveSensitivities([...catalog.indicators.values()], rollupSourcesOf(types.values()));
  const readable = (code: string) => {
    const s = indicators.get(code)?.effective;
    return s === undefined || mayRead(clearance, s);
  };
  return [...types.values()].map(({ definition: d, builtin, plan }) => ({
    code: d.code,
    name: d.name,
    description: d.description,
    builtin,
    place_field: d.place_field,
    date_field: d.date_field,
    organisation_field: d.organisation_field,
    fields: d.fields
      .filter((f) => mayRead(clearance, f.sensitivity))
      .map((f) => (f.fields ? { ...f, fields: f.fields.filter((s) => mayRead(clearance, s.sensitivity)) } : f)),
    hidden: hiddenFields(d, clearance),
    rollups: d.rollups.map((r, i) => ({ indicator: r.indicator, active: !plan.inactive.some((x) => x.index === i) })).filter((r) => readable(r.indicator)),
  }));
}
