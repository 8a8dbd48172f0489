/**
 * How sensitive a derived figure is. A figure computed from others — a formula indicator from
 * the indicators it names (through any chain), a roll-up indicator from the record fields it
 * sums, counts, filters, splits, dates or places by — is as sensitive as the most sensitive
 * thing it is computed from, whatever its own declaration says: a public ratio of a restricted
 * count would otherwise publish the count. Everything that reads an indicator (analytics,
 * reports, exports, lists, targets, the audit trail) asks this one function, through
 * `indicatorSensitivities` (src/modules/catalog/indicator-sensitivity.service.ts); loads refuse
 * a declaration below it (`sensitivityConflicts`).
 */
import { formulaRefs, parseFormula } from './formula.js';
import { resolvePath, type RecordTypeDefinition } from './record-types/definition.schema.js';
import { above, type Sensitivity } from './sensitivity.js';
import type { CompiledRollup } from './record-types/rollups.js';

/** What the function needs of an indicator (the program catalog's indicator info fits). */
export interface DerivedIndicator {
  code: string;
  /** As declared. */
  sensitivity: Sensitivity;
  origin: string;
  formula: string | null;
}

/** One roll-up into an indicator and the most sensitive record field it reads. */
export interface RollupSource {
  indicator: string;
  /** The field, for messages: `field case_reference of record type financial_case`. */
  what: string;
  sensitivity: Sensitivity;
}

/** An indicator's sensitivity as declared and as it is to be treated. */
export interface EffectiveSensitivity {
  declared: Sensitivity;
  /** The most sensitive of the declaration and everything the indicator is computed from. */
  effective: Sensitivity;
  /** What raised it above its declaration (an indicator code or a field), null when nothing did. */
  raisedBy: string | null;
}

type Input = { kind: 'indicator'; code: string } | { kind: 'field'; what: string; sensitivity: Sensitivity } | { kind: 'unreadable'; what: string };

/** The direct inputs of each indicator: the indicators its formula names, the fields its roll-ups read. */
function inputsOf(indicators: readonly DerivedIndicator[], rollups: readonly RollupSource[]): Map<string, Input[]> {
  const known = new Set(indicators.map((i) => i.code));
  const inputs = new Map<string, Input[]>(indicators.map((i) => [i.code, []]));
  for (const ind of indicators) {
    if (ind.origin !== 'formula' || !ind.formula) continue;
    const list = inputs.get(ind.code) ?? [];
    try {
      // An unknown code makes the formula fail wherever it is computed, so it reveals nothing.
      for (const ref of formulaRefs(parseFormula(ind.formula))) if (known.has(ref.indicator)) list.push({ kind: 'indicator', code: ref.indicator });
    } catch {
      // A formula that cannot be read cannot be checked: treat it as reading the most sensitive data.
      list.push({ kind: 'unreadable', what: `its formula "${ind.formula}", which cannot be read` });
    }
  }
  for (const r of rollups) inputs.get(r.indicator)?.push({ kind: 'field', what: r.what, sensitivity: r.sensitivity });
  return inputs;
}

/**
 * Each indicator's effective sensitivity: the most sensitive of its declaration, of the
 * effective sensitivity of every indicator its formula names (so, transitively, of everything
 * beneath), and of every record field its roll-ups read. Only what actually feeds an indicator
 * counts: a formula of an indicator whose origin is `formula`, and the roll-ups given (the
 * active ones). Cycles (refused at load, but a database may hold one) end the climb: levels only
 * rise and there are three.
 */
export function effectiveSensitivities(indicators: readonly DerivedIndicator[], rollups: readonly RollupSource[] = []): Map<string, EffectiveSensitivity> {
  const out = new Map<string, EffectiveSensitivity>(indicators.map((i) => [i.code, { declared: i.sensitivity, effective: i.sensitivity, raisedBy: null }]));
  const inputs = inputsOf(indicators, rollups);
  for (let changed = true; changed;) {
    changed = false;
    for (const [code, list] of inputs) {
      const e = out.get(code);
      if (!e) continue;
      for (const input of list) {
        const s = input.kind === 'indicator' ? (out.get(input.code)?.effective ?? 'public') : input.kind === 'field' ? input.sensitivity : 'restricted';
        if (!above(s, e.effective)) continue;
        e.effective = s;
        e.raisedBy = input.kind === 'indicator' ? input.code : input.what;
        changed = true;
      }
    }
  }
  return out;
}

/** A derived indicator declared less sensitive than something it is computed from. */
export interface SensitivityConflict {
  indicator: string;
  declared: Sensitivity;
  /** The input: an indicator code, or the record field a roll-up reads. */
  input: string;
  inputSensitivity: Sensitivity;
  /** "PUBLIC_RATIO is public but its formula uses AML_CASES_N, which is official: declare it official or more". */
  reason: string;
}

/**
 * Every indicator declared below one of its direct inputs (an input's own effective sensitivity
 * counts, so a chain is reported at each step that breaks it). Empty when the declarations agree.
 */
export function sensitivityConflicts(indicators: readonly DerivedIndicator[], rollups: readonly RollupSource[] = []): SensitivityConflict[] {
  const effective = effectiveSensitivities(indicators, rollups);
  const inputs = inputsOf(indicators, rollups);
  const conflicts: SensitivityConflict[] = [];
  const advice = (s: Sensitivity) => (s === 'restricted' ? 'declare it restricted' : `declare it ${s} or more`);
  for (const ind of indicators) {
    const seen = new Set<string>();
    for (const input of inputs.get(ind.code) ?? []) {
      let s: Sensitivity;
      let name: string;
      let how: string;
      if (input.kind === 'indicator') {
        const e = effective.get(input.code);
        s = e?.effective ?? 'public';
        name = input.code;
        how = `its formula uses ${input.code}, which is ${s}${e && e.declared !== s && e.raisedBy ? ` (it is computed from ${e.raisedBy})` : ''}`;
      } else if (input.kind === 'field') {
        s = input.sensitivity;
        name = input.what;
        how = `it is rolled up from the ${input.what}, which is ${s}`;
      } else {
        s = 'restricted';
        name = input.what;
        how = `${input.what} is taken as restricted`;
      }
      if (!above(s, ind.sensitivity) || seen.has(name)) continue;
      seen.add(name);
      conflicts.push({
        indicator: ind.code,
        declared: ind.sensitivity,
        input: name,
        inputSensitivity: s,
        reason: `${ind.code} is ${ind.sensitivity} but ${how}: ${advice(s)}`,
      });
    }
  }
  return conflicts;
}

/**
 * What each active roll-up of a record type reads, as its most sensitive field: the summed or
 * latest field, the fields it splits by and filters on, the date that places it in time, the
 * place field that places it on the map, and the list whose items it walks.
 */
export function rollupSources(def: RecordTypeDefinition, active: readonly CompiledRollup[]): RollupSource[] {
  return active.map((r) => {
    const value = r.definition.value;
    const paths = [
      'sum' in value ? value.sum : 'latest' in value ? value.latest : null,
      ...r.disagg.map((d) => ('path' in d ? d.path : null)),
      ...r.where.map(([path]) => path),
      r.datePath,
      def.place_field,
      r.list,
    ].filter((p): p is string => p !== null);
    let most: RollupSource = { indicator: r.indicator.code, what: `field ${def.place_field} of record type ${def.code}`, sensitivity: 'public' };
    for (const path of paths) {
      const resolved = resolvePath(def, path);
      // A path that names no field could not have been compiled; if one appears, assume the worst.
      const levels: Array<[string, Sensitivity]> = resolved
        ? [[path, resolved.field.sensitivity], ...(resolved.list ? [[resolved.list.code, resolved.list.sensitivity] as [string, Sensitivity]] : [])]
        : [[path, 'restricted']];
      for (const [field, s] of levels) {
        if (above(s, most.sensitivity)) most = { indicator: r.indicator.code, what: `field ${field} of record type ${def.code}`, sensitivity: s };
      }
    }
    return most;
  });
}

/** The roll-up sources of a program's record types (each with its compiled plan). */
export function rollupSourcesOf(types: Iterable<{ definition: RecordTypeDefinition; plan: { active: readonly CompiledRollup[] } }>): RollupSource[] {
  return [...types].flatMap((t) => rollupSources(t.definition, t.plan.active));
}
