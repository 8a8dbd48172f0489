/** Setting one baseline or target of an indicator: kind, place, period, value, and which source and disaggregation it is for. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';
import type { Indicator, Place } from '../../api/types';
import { useDimensionNames } from '../../app/dimension-names';
import { PROVENANCES, type ProvenanceCode } from '../../api/vocabularies';
import { FormPanel } from './FormPanel';
import { useAdminWrite } from './use-admin-write';
import { unitName } from '../../i18n/unit-label';

/** Period identifiers the server parses: 2014, 2014Q1, 201403, 20140315, 2014Oct (fiscal); it checks the rest. */
const PERIOD_PATTERN = /^\d{4}(Q[1-4]|\d{2}|\d{4}|[A-Za-z]+)?$/;

type TargetInput = components['schemas']['TargetInput'];

export function SetTargetForm({ program, indicator, places }: { program: string; indicator: Indicator; places: Place[] }) {
  const { t, i18n } = useTranslation('admin');
  const [form, setForm] = useState({
    place: '',
    period: '',
    kind: 'target' as 'baseline' | 'target',
    value: '',
    source: '',
    provenance: 'sourced' as ProvenanceCode,
    note: '',
  });
  const [disagg, setDisagg] = useState<Record<string, string>>({});
  const names = useDimensionNames(program);
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const place = form.place || places[0]?.code || '';
  // The indicator's targets come with the indicators, which are data: refreshing data refreshes them.
  const save = useAdminWrite(
    (body: TargetInput) =>
      ok(api.PUT('/api/programs/{program}/indicators/{indicator}/targets', { params: { path: { program, indicator: indicator.code } }, body })),
    [],
    (_r, body) => setSaved(t('targets.savedOk', { kind: t(`targets.kinds.${body.kind}`), period: body.period })),
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = () => {
    setSaved('');
    const period = form.period.trim();
    const text = form.value.trim().replace(',', '.');
    const value = Number(text);
    const found: string[] = [];
    if (!PERIOD_PATTERN.test(period)) found.push(t('targets.badPeriod'));
    if (text === '' || !Number.isFinite(value)) found.push(t('targets.badValue'));
    setProblems(found);
    if (found.length) return;
    const disaggText = Object.entries(disagg)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${v}`)
      .join(';');
    save.mutate({
      place,
      period,
      kind: form.kind,
      value,
      provenance: form.provenance,
      ...(form.source ? { source: form.source } : {}),
      ...(disaggText ? { disagg: disaggText } : {}),
      note: form.note.trim() || null,
    });
  };
  return (
    <FormPanel
      id="set-target"
      title={t('targets.set')}
      formTestId="set-target-form"
      noValidate
      onSubmit={submit}
      submitLabel={t('targets.setButton')}
      busy={save.isPending}
      problems={problems}
      problemsTestId="target-problems"
      status={
        <p role="status" className="ok" data-testid="target-saved">
          {saved}
        </p>
      }
      error={save.error}
    >
      <label>
        {t('targets.kind')}
        <select name="kind" value={form.kind} onChange={set('kind')}>
          <option value="baseline">{t('targets.kinds.baseline')}</option>
          <option value="target">{t('targets.kinds.target')}</option>
        </select>
      </label>
      <label>
        {t('targets.place')}
        <select name="place" value={place} onChange={set('place')}>
          {places.map((p) => (
            <option key={p.code} value={p.code}>
              {'\u00a0'.repeat((p.level - 1) * 2)}
              {p.name} ({p.code})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('targets.period')} <span className="hint">({t('targets.periodHint')})</span>
        <input name="period" size={10} value={form.period} onChange={set('period')} aria-invalid={problems.includes(t('targets.badPeriod'))} />
      </label>
      <label>
        {t('targets.value')} ({unitName(indicator.unit, i18n.language)})
        <input name="value" inputMode="decimal" size={10} value={form.value} onChange={set('value')} aria-invalid={problems.includes(t('targets.badValue'))} />
      </label>
      {indicator.sources.length > 0 && (
        <label>
          {t('targets.source')}
          <select name="source" value={form.source} onChange={set('source')}>
            <option value="">{t('any')}</option>
            {indicator.sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {Object.entries(indicator.dimensions).map(([dim, options]) => (
        <label key={dim}>
          {t('targets.disagg')}: {names.dimension(dim)}
          <select name={`disagg-${dim}`} value={disagg[dim] ?? ''} onChange={(e) => setDisagg({ ...disagg, [dim]: e.target.value })}>
            <option value="">{t('any')}</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {names.option(dim, o)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        {t('targets.provenance')}
        <select name="provenance" value={form.provenance} onChange={set('provenance')}>
          {PROVENANCES.map((p) => (
            <option key={p} value={p}>
              {t(`common:provenance.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('targets.note')}
        <input name="note" maxLength={2000} size={30} value={form.note} onChange={set('note')} />
      </label>
    </FormPanel>
  );
}
