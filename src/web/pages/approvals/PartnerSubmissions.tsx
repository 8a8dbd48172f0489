/** A partner's side: submit a period of its organisation's data, and follow its submissions. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useProgram } from '../../app/program';
import { invalidateData } from '../../app/queries';
import { useQueryParams } from '../../app/router';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import { CommentThread } from './CommentThread';
import { StatusBadge } from './StatusBadge';
import { useDraftPeriods } from './use-draft-periods';
import { useSubmissions } from './use-submissions';
import { SubmittedWarnings } from './SubmittedWarnings';

export function PartnerSubmissions() {
  const { t } = useTranslation('approvals');
  const { code } = useProgram();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const periods = useDraftPeriods(code);
  const submissions = useSubmissions(code);
  const [period, setPeriod] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [submittedId, setSubmittedId] = useState<number | undefined>();
  const [query, setQuery] = useQueryParams();

  const submit = useMutation({
    mutationFn: (p: string) => ok(api.POST('/api/programs/{program}/submissions', { params: { path: { program: code } }, body: { period: p } })),
    onSuccess: async (s) => {
      setMessage({ ok: true, text: t('submitted', { period: s.period }) });
      setSubmittedId(s.id);
      setPeriod('');
      await invalidateData(queryClient);
    },
    onError: (e) => {
      setMessage({ ok: false, text: t('common:error', { message: e.message }) });
      setSubmittedId(undefined);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (period.trim()) submit.mutate(period.trim());
  };
  const list = submissions.data ?? [];
  const openId = Number(query.get('submission')) || undefined;
  const open = list.find((s) => s.id === openId);

  return (
    <>
      <section className="panel" aria-labelledby="submit-title">
        <h2 id="submit-title">{t('submitTitle')}</h2>
        <p className="muted">{t('submitHelp')}</p>
        <form className="filters" onSubmit={onSubmit} data-testid="submit-form">
          <label>
            {t('period')}
            <input
              name="period"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              list="submittable-periods"
              placeholder={t('periodHint')}
              required
              minLength={4}
              maxLength={12}
              aria-describedby="draft-periods"
            />
          </label>
          <datalist id="submittable-periods">
            {periods.data?.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <button type="submit" disabled={submit.isPending} data-testid="submit-period">
            {t('submitButton')}
          </button>
        </form>
        <p id="draft-periods" className="muted">
          {periods.data && (periods.data.length ? t('draftPeriods', { periods: periods.data.join(', ') }) : t('noDrafts'))}
        </p>
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'} data-testid="submit-message">
            {message.text}
          </p>
        )}
        {message?.ok && submittedId !== undefined && <SubmittedWarnings id={submittedId} />}
      </section>

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t('mySubmissions')}</h2>
        <QueryState pending={submissions.isPending} error={submissions.error}>
          {list.length === 0 ? (
            <p className="muted" data-testid="mine-empty">
              {t('noneSubmitted')}
            </p>
          ) : (
            <div className="table-wrap">
              <table data-testid="my-submissions">
                <caption className="visually-hidden">{t('mySubmissionsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('period')}</th>
                    <th scope="col">{t('submittedAt')}</th>
                    <th scope="col" className="num">
                      {t('valuesCount')}
                    </th>
                    <th scope="col" className="num">
                      {t('recordsCount')}
                    </th>
                    <th scope="col">{t('statusCol')}</th>
                    <th scope="col">{t('decidedAt')}</th>
                    <th scope="col">{t('comment')}</th>
                    <th scope="col">{t('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr key={s.id} data-testid={`my-submission-${s.period}`} className={s.id === openId ? 'open' : undefined}>
                      <th scope="row">{s.period}</th>
                      <td>{fmt.dateTime(s.submitted_at)}</td>
                      <td className="num">{fmt.number(s.values, 0)}</td>
                      <td className="num">{fmt.number(s.records, 0)}</td>
                      <td>
                        <StatusBadge status={s.status} />
                      </td>
                      <td>{fmt.dateTime(s.decided_at)}</td>
                      <td data-testid="comment">{s.comment ?? '—'}</td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          aria-label={t('discussLabel', { period: s.period })}
                          aria-pressed={s.id === openId}
                          onClick={() => setQuery({ submission: s.id === openId ? undefined : String(s.id) })}
                        >
                          {t('discuss')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>
      {open && (
        <section className="panel submission-detail" aria-labelledby="discussion-of" data-testid="partner-discussion">
          <div className="detail-head">
            <h3 id="discussion-of">{t('discussionOf', { period: open.period })}</h3>
            <button type="button" className="secondary" onClick={() => setQuery({ submission: undefined })}>
              {t('close')}
            </button>
          </div>
          <CommentThread key={open.id} thread={{ submissionId: open.id }} />
        </section>
      )}
    </>
  );
}
