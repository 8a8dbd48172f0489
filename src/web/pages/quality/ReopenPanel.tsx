/**
 * An officer reopens a closed period for one organisation, with a comment (POST
 * .../calendar/reopenings, audited on the server), and sees the periods reopened so far.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { usePeriodLabel } from '../../i18n/period-label';
import { ErrorNote } from '../admin/ErrorNote';
import { QueryState } from '../../components/QueryState';
import { useReopen, useReopenings } from './use-calendar';

interface Props {
  program: string;
  /** Closed periods not yet reopened, from the expected reports. */
  closed: { organisation: string; period: string }[];
  nameOf: (organisation: string) => string;
}

export function ReopenPanel({ program, closed, nameOf }: Props) {
  const { t } = useTranslation('quality');
  const f = useFormat();
  const period = usePeriodLabel('full');
  const reopenings = useReopenings(program);
  const reopen = useReopen(program);
  const [choice, setChoice] = useState('');
  const [comment, setComment] = useState('');
  const [done, setDone] = useState('');
  const value = closed.some((c) => `${c.organisation}|${c.period}` === choice) ? choice : closed[0] ? `${closed[0].organisation}|${closed[0].period}` : '';
  const list = reopenings.data ?? [];

  return (
    <section className="panel" aria-labelledby="reopen-heading" data-testid="reopen-panel">
      <h2 id="reopen-heading">{t('reopen.heading')}</h2>
      <p className="muted">{t('reopen.intro')}</p>
      {closed.length === 0 ? (
        <p data-testid="no-closed">{t('reopen.none')}</p>
      ) : (
        <form
          className="reopen-form"
          onSubmit={(e) => {
            e.preventDefault();
            const [organisation = '', p = ''] = value.split('|');
            setDone('');
            reopen.mutate(
              { organisation, period: p, comment },
              {
                onSuccess: () => {
                  setDone(t('reopen.done', { organisation: nameOf(organisation), period: period(p) }));
                  setComment('');
                },
              },
            );
          }}
        >
          <div className="field">
            <label htmlFor="reopen-which">{t('reopen.which')}</label>
            <select id="reopen-which" name="period" value={value} onChange={(e) => setChoice(e.target.value)}>
              {closed.map((c) => (
                <option key={`${c.organisation}|${c.period}`} value={`${c.organisation}|${c.period}`}>
                  {nameOf(c.organisation)} — {period(c.period)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="reopen-comment">{t('reopen.comment')}</label>
            <textarea id="reopen-comment" name="comment" rows={3} maxLength={2000} required value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <button type="submit" disabled={reopen.isPending}>
            {t('reopen.submit')}
          </button>
          <ErrorNote error={reopen.error} />
        </form>
      )}
      <p role="status" data-testid="reopen-done">
        {done}
      </p>
      <h3>{t('reopen.history')}</h3>
      <QueryState pending={reopenings.isPending} error={reopenings.error}>
        {list.length === 0 ? (
          <p>{t('reopen.noHistory')}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="reopenings-caption">
            <table data-testid="reopenings">
              <caption id="reopenings-caption">{t('reopen.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('organisation')}</th>
                  <th scope="col">{t('period')}</th>
                  <th scope="col">{t('reopen.reason')}</th>
                  <th scope="col">{t('reopen.by')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={`${r.organisation}|${r.period}`}>
                    <th scope="row">{nameOf(r.organisation)}</th>
                    <td>{period(r.period)}</td>
                    <td>{r.comment}</td>
                    <td>{f.dateTime(r.reopened_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
