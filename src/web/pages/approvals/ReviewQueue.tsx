/** An officer's queue: every submission of the program, filterable by status, with one open for review. */
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { useOrganisations } from '../../app/queries';
import { useQueryParams } from '../../app/router';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { StatusBadge } from './StatusBadge';
import { SubmissionDetail } from './SubmissionDetail';
import { sortForReview, useSubmissions, type SubmissionStatus } from './use-submissions';

const STATUSES: SubmissionStatus[] = ['submitted', 'returned', 'approved'];

export function ReviewQueue() {
  const { t } = useTranslation('approvals');
  const { code } = useProgram();
  const fmt = useFormat();
  const localName = useLocalName();
  const [query, setQuery] = useQueryParams();
  const statusParam = query.get('status');
  const status = STATUSES.find((s) => s === statusParam);
  // All of them, filtered here: the one under review stays open when its status changes.
  const submissions = useSubmissions(code);
  const organisations = useOrganisations(code);
  const orgName = (id: number, fallback: string) => {
    const org = organisations.data?.find((o) => o.id === id);
    return org ? localName(org) : fallback;
  };
  const all = submissions.data ?? [];
  const list = sortForReview(status ? all.filter((s) => s.status === status) : all);
  const openId = Number(query.get('submission')) || undefined;
  const open = all.find((s) => s.id === openId);

  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue')}</h2>
      <div className="filters">
        <label>
          {t('statusFilter')}
          <select value={status ?? ''} onChange={(e) => setQuery({ status: e.target.value })} data-testid="status-filter">
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState pending={submissions.isPending} error={submissions.error}>
        {list.length === 0 ? (
          <p className="muted" data-testid="queue-empty">
            {all.length === 0 ? t('noneToReview') : t('noneWithStatus')}
          </p>
        ) : (
          <div className="table-wrap">
            <table data-testid="queue">
              <caption className="visually-hidden">{t('queueCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('organisation')}</th>
                  <th scope="col">{t('period')}</th>
                  <th scope="col">{t('submittedBy')}</th>
                  <th scope="col">{t('submittedAt')}</th>
                  <th scope="col" className="num">
                    {t('valuesCount')}
                  </th>
                  <th scope="col" className="num">
                    {t('recordsCount')}
                  </th>
                  <th scope="col">{t('statusCol')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => {
                  const org = orgName(s.organisation_id, s.organisation);
                  return (
                    <tr key={s.id} data-testid={`submission-${s.organisation}-${s.period}`} className={s.id === openId ? 'open' : undefined}>
                      <th scope="row">{org}</th>
                      <td>{s.period}</td>
                      <td>{s.submitted_by_name ?? '—'}</td>
                      <td>{fmt.dateTime(s.submitted_at)}</td>
                      <td className="num">{fmt.number(s.values, 0)}</td>
                      <td className="num">{fmt.number(s.records, 0)}</td>
                      <td>
                        <StatusBadge status={s.status} />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          aria-label={t('viewLabel', { organisation: org, period: s.period })}
                          onClick={() => setQuery({ submission: String(s.id) })}
                        >
                          {t('view')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {open && (
        <SubmissionDetail
          key={open.id}
          submission={open}
          organisation={orgName(open.organisation_id, open.organisation)}
          onClose={() => setQuery({ submission: undefined })}
        />
      )}
    </section>
  );
}
