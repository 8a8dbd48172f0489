/**
 * Data entry: a grid of places × periods for one reported indicator, saved as one all-or-nothing
 * batch with each cell's version, so a value someone else changed meanwhile is a conflict the
 * user sees and resolves, never a silent overwrite.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { useProgram } from '../../app/program';
import { useIndicators, useMe, useOrganisations, usePlaces } from '../../app/queries';
import { EntryEditor } from './EntryEditor';
import { disaggOptions, type Resolved } from './EntryPickers';
import { useEntryParams } from './use-entry-params';
import { useIndicatorValues } from './use-entry-values';
import { defaultPeriods } from './periods';
import { ownFirst } from './indicator-order';
import { useReportedIndicatorCodes } from './use-reported-indicators';
import './entry.css';
import { PageHelp } from '../../components/PageHelp';

export default function EntryPage() {
  const { t } = useTranslation('entry');
  const { code: program, role, organisationId } = useProgram();
  const { data: me } = useMe();
  const user = me?.user ?? null;
  const indicatorsQ = useIndicators(program);
  const placesQ = usePlaces(program);
  const organisationsQ = useOrganisations(program, role !== 'public');
  const [params, setParams] = useEntryParams();

  const ownCodes = useReportedIndicatorCodes(program);
  // A partner's list starts with what its organisation reports (the first is the default).
  const reported = useMemo(() => {
    const { own, others } = ownFirst(
      (indicatorsQ.data ?? []).filter((i) => i.origin === 'reported'),
      ownCodes,
    );
    return [...own, ...others];
  }, [indicatorsQ.data, ownCodes]);
  const indicator = reported.find((i) => i.code === params.indicator) ?? reported[0];
  const valuesQ = useIndicatorValues(program, indicator?.code ?? '');
  const organisations = organisationsQ.data ?? [];
  const places = placesQ.data ?? [];
  const levels = useMemo(() => [...new Set(places.map((p) => p.level))].sort((a, b) => a - b), [places]);
  const ownOrganisation = role === 'partner' ? organisations.find((o) => o.id === organisationId) : undefined;

  let resolved: Resolved | undefined;
  if (indicator && valuesQ.data) {
    const values = valuesQ.data;
    const fallback = defaultPeriods(
      values.map((v) => v.period),
      new Date().getFullYear(),
    );
    const type = params.type ?? fallback.type;
    const from = params.from ?? fallback.from;
    const to = params.to ?? fallback.to;
    const counts = new Map<string, number>();
    for (const v of values) if (v.organisation) counts.set(v.organisation, (counts.get(v.organisation) ?? 0) + 1);
    const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const organisation =
      ownOrganisation?.code ?? (organisations.some((o) => o.code === params.organisation) ? params.organisation : (usual ?? organisations[0]?.code ?? ''));
    resolved = {
      indicator,
      type,
      from: Math.min(from, to),
      to: Math.max(from, to),
      level: params.level !== undefined && levels.includes(params.level) ? params.level : levels.includes(2) ? 2 : (levels[0] ?? 1),
      source: indicator.sources.includes(params.source) ? params.source : (indicator.sources[0] ?? ''),
      disagg: disaggOptions(indicator).includes(params.disagg) ? params.disagg : '',
      organisation,
    };
  }

  // The organisation is left out: it only applies at save time, so changing it keeps the edits.
  const selection = resolved
    ? [resolved.indicator.code, resolved.type, resolved.from, resolved.to, resolved.level, resolved.source, resolved.disagg].join('|')
    : '';
  return (
    <div className="entry-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="entry" />
      <p className="muted intro">{t('intro')}</p>
      <QueryState
        pending={
          indicatorsQ.isPending || placesQ.isPending || (indicator !== undefined && valuesQ.isPending) || (role !== 'public' && organisationsQ.isPending)
        }
        error={indicatorsQ.error ?? placesQ.error ?? valuesQ.error ?? organisationsQ.error}
      >
        {resolved && user && role !== 'public' ? (
          <EntryEditor
            key={selection}
            program={program}
            role={role}
            chosen={resolved}
            indicators={reported}
            places={places}
            levels={levels}
            organisations={organisations}
            ownOrganisation={ownOrganisation}
            values={valuesQ.data ?? []}
            onChoose={setParams}
          />
        ) : (
          <p>{t('noIndicators')}</p>
        )}
      </QueryState>
    </div>
  );
}
