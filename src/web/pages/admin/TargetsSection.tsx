/** The baselines and targets of one indicator, and the form that sets one. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';
import type { Indicator, Place } from '../../api/types';
import { invalidateData } from '../../app/queries';
import { useDimensionNames } from '../../app/dimension-names';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { ErrorNote } from './ErrorNote';
import { PROVENANCES, isOneOf, type ProvenanceCode } from '../../api/vocabularies';

/** Period identifiers the server parses: 2014, 2014Q1, 201403, 20140315, 2014Oct (fiscal); it checks the rest. */
const PERIOD_PATTERN = /^\d{4}(Q[1-4]|\d{2}|\d{4}|[A-Za-z]+)?$/;

type TargetInput = components['schemas']['TargetInput'];

export function TargetsSection({ program, indicator, places }: { program: string; indicator: Indicator; places: Place[] }) {
  const { t } = useTranslation('admin');
  const f = useFormat();
  const name = useLocalName();
  const names = useDimensionNames(program);
  const placeName = new Map(places.map((p) => [p.code, p.name]));
  const rows = [...indicator.targets].sort((a, b) => a.kind.localeCompare(b.kind) || a.period.localeCompare(b.period) || a.place.localeCompare(b.place) || a.source.localeCompare(b.source));
  return (
    <section aria-labelledby="targets-heading" data-testid="targets-section">
      <h2 id="targets-heading">{t('targets.heading', { name: name(indicator) })}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('targets.none')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="targets-table">
            <caption className="visually-hidden">{t('targets.table', { code: indicator.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('targets.kind')}</th>
                <th scope="col">{t('targets.period')}</th>
                <th scope="col">{t('targets.place')}</th>
                <th scope="col">{t('targets.source')}</th>
                <th scope="col">{t('targets.disagg')}</th>
                <th scope="col" className="num">{t('targets.value')}</th>
                <th scope="col">{t('targets.provenance')}</th>
                <th scope="col">{t('targets.note')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}|${r.period}|${r.place}|${r.source}|${r.disagg}`} data-testid={`target-row-${r.kind}-${r.period}-${r.place}`}>
                  <td>{t(`targets.kinds.${r.kind}`)}</td>
                  <th scope="row">{r.period}</th>
                  <td>{placeName.get(r.place) ?? r.place} ({r.place})</td>
                  <td>{r.source}</td>
                  <td>{names.disagg(r.disagg)}</td>
                  <td className="num">{f.number(r.value, 2)} {indicator.unit}</td>
                  <td>{isOneOf(PROVENANCES, r.provenance) ? t(`common:provenance.${r.provenance}`) : r.provenance}</td>
                  <td>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SetTargetForm program={program} indicator={indicator} places={places} />
    </section>
  );
}

function SetTargetForm({ program, indicator, places }: { program: string; indicator: Indicator; places: Place[] }) {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [form, setForm] = useState({ place: '', period: '', kind: 'target' as 'baseline' | 'target', value: '', source: '', provenance: 'sourced' as ProvenanceCode, note: '' });
  const [disagg, setDisagg] = useState<Record<string, string>>({});
  const names = useDimensionNames(program);
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const place = form.place || places[0]?.code || '';
  const save = useMutation({
    mutationFn: (body: TargetInput) => ok(api.PUT('/api/programs/{program}/indicators/{indicator}/targets', { params: { path: { program, indicator: indicator.code } }, body })),
    onSuccess: async (_r, body) => {
      await invalidateData(client);
      setSaved(t('targets.savedOk', { kind: t(`targets.kinds.${body.kind}`), period: body.period }));
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
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
    <section className="panel" aria-labelledby="set-target-heading">
      <h3 id="set-target-heading">{t('targets.set')}</h3>
      <form className="admin-form" onSubmit={submit} data-testid="set-target-form" noValidate>
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
          {t('targets.value')} ({indicator.unit})
          <input name="value" inputMode="decimal" size={10} value={form.value} onChange={set('value')} aria-invalid={problems.includes(t('targets.badValue'))} />
        </label>
        {indicator.sources.length > 0 && (
          <label>
            {t('targets.source')}
            <select name="source" value={form.source} onChange={set('source')}>
              <option value="">{t('any')}</option>
              {indicator.sources.map((s) => (
                <option key={s} value={s}>{s}</option>
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
                <option key={o} value={o}>{names.option(dim, o)}</option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t('targets.provenance')}
          <select name="provenance" value={form.provenance} onChange={set('provenance')}>
            {PROVENANCES.map((p) => (
              <option key={p} value={p}>{t(`common:provenance.${p}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('targets.note')}
          <input name="note" maxLength={2000} size={30} value={form.note} onChange={set('note')} />
        </label>
        <button type="submit" disabled={save.isPending}>{t('targets.setButton')}</button>
      </form>
      {problems.length > 0 && (
        <ul role="alert" className="error" data-testid="target-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p role="status" className="ok" data-testid="target-saved">{saved}</p>
      <ErrorNote error={save.error} />
    </section>
  );
}
