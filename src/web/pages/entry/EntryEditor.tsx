/** The pickers, the grid and its save bar, with the edits and conflicts of one selection. */
import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client';
import type { Indicator, Organisation, Place } from '../../api/types';
import { invalidateData } from '../../app/queries';
import { useLocalName } from '../../i18n/local-name';
import type { CellRules } from './cell-rules';
import { cellKey, collectChanges, type CellValue, type Change, type Edit } from './changes';
import { ConflictPanel, type Conflict } from './ConflictPanel';
import { EntryGrid } from './EntryGrid';
import { EntryPickers, type PickerChange, type Resolved } from './EntryPickers';
import { MAX_COLUMNS, periodsBetween } from './periods';
import { entryValuesKey, fetchIndicatorValues } from './use-entry-values';
import { usePeriodLabel } from '../../i18n/period-label';
import { useUnsavedGuard } from './use-unsaved-guard';
import { useFlagText } from '../../components/value-flags';
import { cellNotes, refusedCells, type Refusal } from './cell-notes';
import type { FlaggedValue } from './use-entry-values';
import { useValidationRules } from './use-validation-rules';
import { unitName } from '../../i18n/unit-label';

interface Props {
  program: string;
  role: string;
  chosen: Resolved;
  indicators: readonly Indicator[];
  places: readonly Place[];
  levels: readonly number[];
  organisations: readonly Organisation[];
  ownOrganisation: Organisation | undefined;
  values: readonly FlaggedValue[];
  onChoose(changes: PickerChange): void;
}

/** The stored values of the selection, by cell. */
function cellsOf(values: readonly FlaggedValue[], chosen: Resolved): Map<string, CellValue> {
  const map = new Map<string, CellValue>();
  for (const v of values) {
    if (v.source !== chosen.source || v.disagg !== chosen.disagg) continue;
    map.set(cellKey(v.place, v.period), { value: v.value, version: v.version, status: v.status, organisation: v.organisation, flags: v.flags });
  }
  return map;
}

type Outcome =
  | { kind: 'saved'; count: number }
  | { kind: 'error'; message: string; refused?: Record<string, Refusal> }
  | { kind: 'conflict'; conflicts: Conflict[] }
  | { kind: 'kept' }
  | { kind: 'theirs' };

export function EntryEditor({ program, role, chosen, indicators, places, levels, organisations, ownOrganisation, values, onChoose }: Props) {
  const { t, i18n } = useTranslation('entry');
  const name = useLocalName();
  const periodLabel = usePeriodLabel();
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { indicator } = chosen;
  const isPartner = role === 'partner';
  const flagText = useFlagText();
  const validationRules = useValidationRules(program).data;

  const rules: CellRules = useMemo(() => ({ decimals: indicator.decimals, allowNegative: false }), [indicator]);
  const stored = useMemo(() => cellsOf(values, chosen), [values, chosen]);
  const allPeriods = useMemo(() => periodsBetween(chosen.type, chosen.from, chosen.to), [chosen.type, chosen.from, chosen.to]);
  const periods = allPeriods.slice(-MAX_COLUMNS);
  const rows = useMemo(
    () =>
      places
        .filter((p) => p.level === chosen.level)
        .map((p) => ({ code: p.code, name: name(p) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [places, chosen.level, name],
  );
  const placeName = useCallback((code: string) => rows.find((r) => r.code === code)?.name ?? code, [rows]);

  const lockOf = useCallback(
    (v: CellValue | undefined) => {
      if (v?.status === 'approved') return t('lock.approved');
      if (isPartner && v?.status === 'submitted') return t('lock.submitted');
      return undefined;
    },
    [isPartner, t],
  );

  const onEdit = useCallback(
    (key: string, text: string) => {
      setEdits((prev) => {
        const before = prev[key];
        const now = stored.get(key);
        // The version seen when editing began is kept, whatever refetches happen meanwhile.
        return { ...prev, [key]: before ? { ...before, text } : { text, baseVersion: now?.version ?? 0, baseOrganisation: now?.organisation ?? null } };
      });
    },
    [stored],
  );

  const { changes, invalid } = collectChanges(edits, stored, rules);
  const refused = outcome?.kind === 'error' ? outcome.refused : undefined;
  const notes = useMemo(
    () =>
      cellNotes({
        edits,
        stored,
        rules,
        validationRules: validationRules ?? [],
        indicator: indicator.code,
        level: chosen.level,
        refused: refused ?? {},
        flagText,
        refusedText: (message) => t('common:flags.refused', { message }),
      }),
    [edits, stored, rules, validationRules, indicator.code, chosen.level, refused, flagText, t],
  );
  const warned = changes.filter((c) => notes.get(c.key)?.length).length;
  const dirty = changes.length + invalid > 0;
  useUnsavedGuard(dirty, t('leaveQuestion'));

  const choose = (c: PickerChange) => {
    const onlyOrganisation = Object.keys(c).every((k) => k === 'organisation');
    if (dirty && !onlyOrganisation && !window.confirm(t('discardQuestion'))) return;
    onChoose(c);
  };

  const cellName = (c: Pick<Change, 'place' | 'period'>) => `${placeName(c.place)} ${periodLabel(c.period)}`;

  const save = useMutation({
    mutationFn: async (list: Change[]) => {
      const key = { indicator: indicator.code, ...(chosen.disagg ? { disagg: chosen.disagg } : {}), ...(chosen.source ? { source: chosen.source } : {}) };
      const writes = list.filter((c) => c.value !== null);
      const deletes = list.filter((c) => c.value === null);
      const body = {
        values: writes.map((c) => ({
          ...key,
          place: c.place,
          period: c.period,
          value: c.value ?? 0,
          version: c.version,
          // Officers write new values as the chosen organisation; a changed value keeps its own.
          ...(isPartner ? {} : { organisation: c.organisation ?? chosen.organisation }),
        })),
        delete: deletes.map((c) => ({ ...key, place: c.place, period: c.period, version: c.version })),
      };
      await ok(api.POST('/api/programs/{program}/values/batch', { params: { path: { program } }, body }));
      return [...writes, ...deletes];
    },
    onSuccess: async (sent) => {
      await invalidateData(queryClient);
      // Only the cells sent are cleared: anything typed while saving stays.
      setEdits((prev) => {
        const next = { ...prev };
        for (const c of sent) if (next[c.key]?.text === c.text) delete next[c.key];
        return next;
      });
      setOutcome({ kind: 'saved', count: sent.length });
    },
    onError: async (e, list) => {
      if (!(e instanceof ApiError) || e.status !== 409) {
        const details = e instanceof ApiError ? e.details.map((d) => d.reason).join('; ') : '';
        // A broken `error` rule: nothing was saved; its reason goes beside each cell it names.
        const refused =
          e instanceof ApiError && e.kind === 'validation'
            ? refusedCells(
                e.details.map((d) => d.reason),
                list,
                { indicator: indicator.code, disagg: chosen.disagg, source: chosen.source },
              )
            : undefined;
        setOutcome({ kind: 'error', message: [e.message, details].filter(Boolean).join(' — '), ...(refused ? { refused } : {}) });
        return;
      }
      const sent = [...list.filter((c) => c.value !== null), ...list.filter((c) => c.value === null)];
      const fresh = cellsOf(
        await queryClient.fetchQuery({
          queryKey: entryValuesKey(program, indicator.code),
          queryFn: () => fetchIndicatorValues(program, indicator.code),
          staleTime: 0,
        }),
        chosen,
      );
      const conflicts: Conflict[] = [];
      for (const d of e.details) {
        const c = d.row === undefined ? undefined : sent[d.row];
        if (!c || conflicts.some((x) => x.key === c.key)) continue;
        const theirs = fresh.get(c.key);
        conflicts.push({
          key: c.key,
          cell: cellName(c),
          theirs: theirs?.value,
          mine: c.text,
          reason: d.column === 'status' ? 'locked' : 'stale',
          version: theirs?.version ?? 0,
          organisation: theirs?.organisation ?? null,
        });
      }
      setOutcome(conflicts.length ? { kind: 'conflict', conflicts } : { kind: 'error', message: e.message });
    },
  });

  const conflicts = outcome?.kind === 'conflict' ? outcome.conflicts : [];
  const conflictKeys = useMemo(() => new Set(conflicts.map((c) => c.key)), [conflicts]);

  const useTheirs = () => {
    setEdits((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !conflictKeys.has(k))));
    setOutcome({ kind: 'theirs' });
  };
  const keepEditing = () => {
    // The user has now seen their value: saving again replaces it (locked cells stay refused).
    setEdits((prev) => {
      const next = { ...prev };
      for (const c of conflicts) {
        const e = next[c.key];
        if (e && c.reason === 'stale') next[c.key] = { ...e, baseVersion: c.version, baseOrganisation: c.organisation };
      }
      return next;
    });
    setOutcome({ kind: 'kept' });
  };

  return (
    <>
      <EntryPickers indicators={indicators} chosen={chosen} levels={levels} organisations={organisations} ownOrganisation={ownOrganisation} onChange={choose} />
      <p className="muted unit">
        {t('unitLine', { unit: unitName(indicator.unit, i18n.language) })} · {t('legend')}
      </p>
      {allPeriods.length > periods.length && <p className="muted">{t('tooManyColumns', { count: MAX_COLUMNS })}</p>}
      {outcome?.kind === 'conflict' && <ConflictPanel conflicts={conflicts} decimals={rules.decimals} onUseTheirs={useTheirs} onKeepEditing={keepEditing} />}
      {rows.length === 0 ? (
        <p>{t('noPlaces')}</p>
      ) : (
        <EntryGrid
          places={rows}
          periods={periods}
          periodLabel={periodLabel}
          stored={stored}
          edits={edits}
          rules={rules}
          lockOf={lockOf}
          conflicts={conflictKeys}
          notes={notes}
          onEdit={onEdit}
        />
      )}
      <div className="save-bar" data-testid="save-bar">
        <button type="button" disabled={changes.length === 0 || invalid > 0 || save.isPending} onClick={() => save.mutate(changes)} data-testid="save">
          {save.isPending ? t('saving') : t('common:save')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={Object.keys(edits).length === 0 || save.isPending}
          onClick={() => {
            setEdits({});
            setOutcome(null);
          }}
        >
          {t('discard')}
        </button>
        <span aria-live="polite" className="save-state" data-testid="save-state">
          {invalid > 0 ? (
            <span className="error">{t('invalidCells', { count: invalid })}</span>
          ) : changes.length > 0 ? (
            [t('changedCells', { count: changes.length }), warned > 0 ? t('warnedCells', { count: warned }) : ''].filter(Boolean).join(' · ')
          ) : outcome?.kind === 'saved' ? (
            <span className="ok" data-testid="saved">
              {t('saved', { count: outcome.count })}
            </span>
          ) : outcome?.kind === 'theirs' ? (
            t('usedTheirs')
          ) : (
            t('noChanges')
          )}
        </span>
      </div>
      {outcome?.kind === 'kept' && (
        <p className="muted" role="status">
          {t('kept')}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p className="error" role="alert" data-testid="save-error">
          {t('saveFailed', { message: outcome.message })}
        </p>
      )}
    </>
  );
}
