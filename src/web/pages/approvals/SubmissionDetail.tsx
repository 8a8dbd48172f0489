/** One submission under review: what it covers, and the officer's decision (approve, return, unlock). */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, ok } from '../../api/client';
import { useProgram } from '../../app/program';
import { useDimensionNames } from '../../app/dimension-names';
import { invalidateData, useIndicators } from '../../app/queries';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { CommentThread } from './CommentThread';
import { StatusBadge } from './StatusBadge';
import { useSubmissionValues, type SubmissionSummary } from './use-submissions';
import { ValueWarnings } from './ValueWarnings';

type Decision = 'approve' | 'return' | 'unlock';

export function SubmissionDetail({ submission: s, organisation, onClose }: { submission: SubmissionSummary; organisation: string; onClose: () => void }) {
  const { t } = useTranslation('approvals');
  const fmt = useFormat();
  const localName = useLocalName();
  const { code } = useProgram();
  const dimensionNames = useDimensionNames(code);
  const queryClient = useQueryClient();
  const values = useSubmissionValues(s.id);
  const indicators = useIndicators(code);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      ok(
        api.POST(`/api/submissions/{id}/${decision}`, {
          params: { path: { id: s.id } },
          body: { version: s.version, ...(decision === 'approve' ? {} : { comment: comment.trim() }) },
        }),
      ),
    onSuccess: async (after) => {
      setMessage({ ok: true, text: t('decided', { status: t(`status.${after.status}`) }) });
      setComment('');
      await invalidateData(queryClient);
    },
    onError: async (e) => {
      const flags = e instanceof ApiError ? e.details.filter((d) => d.column === 'flag').length : 0;
      // Approval waits for every warning on the values to be acknowledged.
      if (flags > 0) setMessage({ ok: false, text: t('openWarnings', { count: flags }) });
      else if (e instanceof ApiError && e.kind === 'conflict') {
        setMessage({ ok: false, text: t('conflict') });
        await invalidateData(queryClient);
      } else setMessage({ ok: false, text: t('common:error', { message: e.message }) });
    },
  });

  const withComment = (decision: Decision) => (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) {
      setMessage({ ok: false, text: t('commentRequired') });
      return;
    }
    decide.mutate(decision);
  };
  const indicatorName = (c: string) => {
    const i = indicators.data?.find((x) => x.code === c);
    return i ? `${localName(i)} (${c})` : c;
  };

  return (
    <section className="panel submission-detail" aria-labelledby="detail-title" data-testid="submission-detail">
      <div className="detail-head">
        <h3 id="detail-title">{t('detailTitle', { organisation, period: s.period })}</h3>
        <button type="button" className="secondary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <p>
        <StatusBadge status={s.status} /> {t('periodSpan', { start: fmt.date(s.start_date), end: fmt.date(s.end_date) })} · {t('submittedBy')}:{' '}
        {s.submitted_by_name ?? '—'} · {fmt.dateTime(s.submitted_at)}
      </p>
      {s.comment && (
        <p>
          <strong>{t('decidedBy')}:</strong> {s.comment}
        </p>
      )}

      <h4>{t('submittedValues')}</h4>
      <QueryState pending={values.isPending} error={values.error}>
        {values.data && values.data.values.length === 0 ? (
          <p className="muted">{t('noValues')}</p>
        ) : (
          <div className="table-wrap values-table">
            <table data-testid="submission-values">
              <thead>
                <tr>
                  <th scope="col">{t('indicator')}</th>
                  <th scope="col">{t('place')}</th>
                  <th scope="col">{t('period')}</th>
                  <th scope="col">{t('disagg')}</th>
                  <th scope="col">{t('source')}</th>
                  <th scope="col" className="num">
                    {t('value')}
                  </th>
                  <th scope="col">{t('statusCol')}</th>
                  <th scope="col">{t('warnings')}</th>
                </tr>
              </thead>
              <tbody>
                {values.data?.values.map((v) => (
                  <tr key={v.id} data-testid={`submission-value-${v.indicator}-${v.place}-${v.period}`}>
                    <th scope="row">{indicatorName(v.indicator)}</th>
                    <td>{v.place_name || v.place}</td>
                    <td>{v.period}</td>
                    <td>{dimensionNames.disagg(v.disagg) || '—'}</td>
                    <td>{v.source || '—'}</td>
                    <td className="num">{fmt.number(v.value, 3)}</td>
                    <td>
                      <StatusBadge status={v.status} />
                    </td>
                    <td data-testid="value-warnings">
                      <ValueWarnings
                        flags={v.flags}
                        canAcknowledge={s.status === 'submitted'}
                        cell={`${indicatorName(v.indicator)} · ${v.place_name || v.place} · ${v.period}`}
                        onAcknowledged={() => setMessage(null)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {values.data?.truncated && <p className="muted">{t('truncated', { count: values.data.values.length })}</p>}
      </QueryState>

      {s.status === 'submitted' && (
        <div className="decisions">
          <button type="button" onClick={() => decide.mutate('approve')} disabled={decide.isPending} data-testid="approve">
            {t('approve')}
          </button>
          <form onSubmit={withComment('return')} aria-labelledby="return-title">
            <h4 id="return-title">{t('returnTitle')}</h4>
            <label>
              {t('returnComment')}
              <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} required data-testid="decision-comment" />
            </label>
            <button type="submit" className="danger" disabled={decide.isPending} data-testid="return">
              {t('returnButton')}
            </button>
          </form>
        </div>
      )}
      {s.status === 'approved' && (
        <form className="decisions" onSubmit={withComment('unlock')} aria-labelledby="unlock-title">
          <h4 id="unlock-title">{t('unlockTitle')}</h4>
          <label>
            {t('unlockComment')}
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} required data-testid="decision-comment" />
          </label>
          <button type="submit" className="danger" disabled={decide.isPending} data-testid="unlock">
            {t('unlockButton')}
          </button>
        </form>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'} data-testid="decision-message">
          {message.text}
        </p>
      )}
      <CommentThread thread={{ submissionId: s.id }} />
    </section>
  );
}
