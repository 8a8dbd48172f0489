/**
 * The Performance Indicator Reference Sheet (PIRS) of an indicator, as data: the reference
 * fields stored with an indicator (bilingual where they are text), the definition fields the
 * indicator already has, which of them a PIRS requires, and how complete a sheet is. One list,
 * used by the program loader, the API, the PIRS report and the web page.
 */

/** Reference fields that are text in English and Spanish. */
export const REFERENCE_TEXT_FIELDS = [
  'definition',
  'rationale',
  'data_source',
  'collection_method',
  'collection_frequency',
  'reporting_frequency',
  'responsible_organisation',
  'baseline_rationale',
  'target_rationale',
  'data_limitations',
  'limitation_actions',
  'analysis_plan',
  'notes',
] as const;
export type ReferenceTextField = (typeof REFERENCE_TEXT_FIELDS)[number];

/** Every reference field: the texts and the responsible person (a user or a free-text name). */
export const REFERENCE_FIELDS = [...REFERENCE_TEXT_FIELDS, 'responsible_person'] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

/** The indicator's own definition fields whose changes the sheet's history keeps. */
export const DEFINITION_FIELDS = ['unit', 'agg_time', 'agg_place', 'disaggregations', 'sources', 'formula'] as const;
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

/** A field of the sheet's change history. */
export type HistoryField = ReferenceField | DefinitionField;

/** What a change without a reason is told (the API and the service say the same). */
export const REASON_REQUIRED = 'required: say why the indicator changes (obligatorio: indique por qué cambia el indicador)';

/** Longest text a reference field holds, in each language. */
export const MAX_REFERENCE_TEXT = 10_000;

export interface BilingualText {
  en?: string;
  es?: string;
}

/** Who answers for the indicator's data: a Vigia user, or a name when they have no account. */
export type ResponsiblePerson = { user_id: number } | { name: string };

export type ReferenceSheet = { [F in ReferenceTextField]?: BilingualText } & { responsible_person?: ResponsiblePerson };

/** The PIRS fields a completeness figure counts: reference fields and the definition's unit, sources and disaggregations. */
export type PirsField = ReferenceField | 'unit' | 'sources' | 'disaggregations';

/** The fields a PIRS must have filled in; the rest (disaggregations, actions, notes) may stay empty. */
export const REQUIRED_PIRS_FIELDS: readonly PirsField[] = [
  'definition',
  'unit',
  'rationale',
  'sources',
  'collection_method',
  'collection_frequency',
  'reporting_frequency',
  'responsible_organisation',
  'responsible_person',
  'baseline_rationale',
  'target_rationale',
  'data_limitations',
  'analysis_plan',
];

/** What the definition contributes to a sheet's completeness. */
export interface SheetDefinition {
  unit: string;
  sources: readonly string[];
  /** A formula or records-fed indicator names where its data come from by being what it is. */
  origin: 'reported' | 'records' | 'formula';
}

export interface Completeness {
  /** Required fields filled in (in at least one language). */
  filled: number;
  required: number;
  /** Required fields still empty: shown as "not yet defined". */
  missing: PirsField[];
  /** Required text fields filled in one language only. */
  untranslated: ReferenceTextField[];
}

const isTextField = (f: PirsField): f is ReferenceTextField => (REFERENCE_TEXT_FIELDS as readonly string[]).includes(f);

/** True when the text field has some text in `lang`. */
export function hasText(t: BilingualText | undefined, lang: 'en' | 'es'): boolean {
  return (t?.[lang]?.trim() ?? '') !== '';
}

function isFilled(f: PirsField, sheet: ReferenceSheet, definition: SheetDefinition): boolean {
  if (f === 'unit') return definition.unit.trim() !== '';
  // The data source: named sources, a formula or records, or a description of where reported values come from.
  if (f === 'sources')
    return definition.sources.length > 0 || definition.origin !== 'reported' || hasText(sheet.data_source, 'en') || hasText(sheet.data_source, 'es');
  if (f === 'disaggregations') return true;
  if (f === 'responsible_person') {
    const p = sheet.responsible_person;
    return p !== undefined && ('user_id' in p || p.name.trim() !== '');
  }
  return isTextField(f) && (hasText(sheet[f], 'en') || hasText(sheet[f], 'es'));
}

/** How complete a sheet is: required fields filled, and which are missing or in one language only. */
export function referenceCompleteness(sheet: ReferenceSheet, definition: SheetDefinition): Completeness {
  const missing = REQUIRED_PIRS_FIELDS.filter((f) => !isFilled(f, sheet, definition));
  const untranslated = REQUIRED_PIRS_FIELDS.filter(isTextField).filter((f) => hasText(sheet[f], 'en') !== hasText(sheet[f], 'es'));
  return { filled: REQUIRED_PIRS_FIELDS.length - missing.length, required: REQUIRED_PIRS_FIELDS.length, missing, untranslated };
}

/** The sum of several sheets' completeness, as a share of required fields filled (0–100, one decimal). */
export function completenessPercent(items: readonly Pick<Completeness, 'filled' | 'required'>[]): { filled: number; required: number; percent: number } {
  const filled = items.reduce((s, c) => s + c.filled, 0);
  const required = items.reduce((s, c) => s + c.required, 0);
  return { filled, required, percent: required === 0 ? 100 : Math.round((filled / required) * 1000) / 10 };
}

/** A text with its empty languages dropped; undefined when none is left. */
function tidyText(t: BilingualText | null | undefined): BilingualText | undefined {
  if (!t) return undefined;
  const out: BilingualText = {};
  if (hasText(t, 'en')) out.en = t.en!.trim();
  if (hasText(t, 'es')) out.es = t.es!.trim();
  return out.en === undefined && out.es === undefined ? undefined : out;
}

/** A change to a sheet: per field, the new value, or null to clear it; text fields change only the languages given. */
export type ReferencePatch = { [F in ReferenceTextField]?: BilingualText | null } & { responsible_person?: ResponsiblePerson | null };

/** The sheet after `patch`: languages given replace (an empty text clears one), null clears a field. */
export function applyReferencePatch(sheet: ReferenceSheet, patch: ReferencePatch): ReferenceSheet {
  const out: ReferenceSheet = { ...sheet };
  for (const f of REFERENCE_TEXT_FIELDS) {
    if (!(f in patch) || patch[f] === undefined) continue;
    const next = patch[f] === null ? undefined : tidyText({ ...sheet[f], ...patch[f] });
    if (next) out[f] = next;
    else delete out[f];
  }
  if (patch.responsible_person !== undefined) {
    const p = patch.responsible_person;
    if (p === null || ('name' in p && p.name.trim() === '')) delete out.responsible_person;
    else out.responsible_person = 'name' in p ? { name: p.name.trim() } : { user_id: p.user_id };
  }
  return out;
}

/** One field's change: what it was and what it became (null when empty). */
export interface FieldChange {
  field: HistoryField;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The reference fields that differ between two sheets, in field order. */
export function referenceChanges(before: ReferenceSheet, after: ReferenceSheet): FieldChange[] {
  return REFERENCE_FIELDS.filter((f) => !same(before[f], after[f])).map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

/** An indicator's definition fields, as the history compares them. */
export type DefinitionSnapshot = { [F in DefinitionField]: F extends 'sources' | 'disaggregations' ? readonly string[] : string | null };

/** The definition fields that differ between two snapshots, in field order. */
export function definitionChanges(before: DefinitionSnapshot, after: DefinitionSnapshot): FieldChange[] {
  return DEFINITION_FIELDS.filter((f) => !same(before[f], after[f])).map((f) => ({ field: f, before: before[f], after: after[f] }));
}
