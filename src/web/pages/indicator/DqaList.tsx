/**
 * The indicator's data quality assessments, newest first: the five standards' ratings with
 * notes, the limitations found, and the actions agreed; officers and administrators change an
 * action's status in place (PATCH .../actions/{action}, audited).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { DQA_ACTION_STATUSES, DQA_ACTION_STATUS_LABELS, DQA_RATING_LABELS, DQA_STANDARD_LABELS, type DqaActionStatus } from '../../../core/dqa';
import { useFormat } from '../../i18n/format';
import { ErrorNote } from '../admin/ErrorNote';
import { dqaKey, type Dqa } from './use-indicator-data';

export function DqaList({ program, dqas, canEdit }: { program: string; dqas: Dqa[]; canEdit: boolean }) {
  const { t } = useTranslation('indicator');
  if (dqas.length === 0) return <p>{t('dqa.none')}</p>;
  return (
    <>
      {dqas.map((d) => (
        <DqaItem key={d.id} program={program} dqa={d} canEdit={canEdit} />
      ))}
    </>
  );
}

function DqaItem({ program, dqa, canEdit }: { program: string; dqa: Dqa; canEdit: boolean }) {
  const { t, i18n } = useTranslation('indicator');
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const f = useFormat();
  const client = useQueryClient();
  const setStatus = useMutation({
    mutationFn: ({ action, status }: { action: number; status: DqaActionStatus }) =>
      ok(api.PATCH('/api/programs/{program}/dqa/{id}/actions/{action}', { params: { path: { program, id: dqa.id, action } }, body: { status } })),
    onSuccess: () => client.invalidateQueries({ queryKey: dqaKey(program, dqa.indicator).slice(0, 2) }),
  });
  const headingId = `dqa-${dqa.id}`;
  const textLang = dqa.language && dqa.language !== lang ? dqa.language : undefined;
  return (
    <article className="panel dqa" aria-labelledby={headingId} data-testid={`dqa-${dqa.id}`}>
      <h3 id={headingId}>
        {f.date(dqa.date)} — {t('dqa.result', { result: DQA_RATING_LABELS[dqa.result][lang] })}
      </h3>
      <p className="muted">{t('dqa.assessedBy', { date: f.date(dqa.date), who: dqa.assessor.name ?? '—' })}</p>
      <div className="table-wrap">
        <table>
          <caption>{t('dqa.standardsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dqa.standard')}</th>
              <th scope="col">{t('dqa.rating')}</th>
              <th scope="col">{t('dqa.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {dqa.standards.map((s) => (
              <tr key={s.standard}>
                <th scope="row">{DQA_STANDARD_LABELS[s.standard][lang]}</th>
                <td className={`rating ${s.rating}`}>{DQA_RATING_LABELS[s.rating][lang]}</td>
                <td lang={textLang}>{s.notes ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dqa.limitations && (
        <>
          <h4>{t('dqa.limitations')}</h4>
          <p lang={textLang}>{dqa.limitations}</p>
        </>
      )}
      <h4>{t('dqa.actions')}</h4>
      {dqa.actions.length === 0 ? (
        <p>{t('dqa.noActions')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('dqa.actionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dqa.action')}</th>
                <th scope="col">{t('dqa.owner')}</th>
                <th scope="col">{t('dqa.due')}</th>
                <th scope="col">{t('dqa.status')}</th>
              </tr>
            </thead>
            <tbody>
              {dqa.actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row" lang={textLang}>
                    {a.text}
                  </th>
                  <td>{a.owner.name ?? '—'}</td>
                  <td>{f.date(a.due_date)}</td>
                  <td>
                    {canEdit ? (
                      <select
                        aria-label={t('dqa.statusOf', { action: a.text })}
                        value={a.status}
                        disabled={setStatus.isPending}
                        onChange={(e) => setStatus.mutate({ action: a.id, status: e.target.value as DqaActionStatus })}
                      >
                        {DQA_ACTION_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {DQA_ACTION_STATUS_LABELS[s][lang]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      DQA_ACTION_STATUS_LABELS[a.status][lang]
                    )}
                    {a.status_date && a.status !== 'open' && <span className="muted"> ({f.date(a.status_date)})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNote error={setStatus.error} />
    </article>
  );
}
