/** An import job: progress while it runs, then its counts, or the rejected file's problems. */
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types';
import { useFormat } from '../../i18n/format';

const show = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function ImportResult({ job, onImportForReal, busy }: { job: ImportJob; onImportForReal: () => void; busy: boolean }) {
  const { t } = useTranslation('imports');
  const fmt = useFormat();
  const report = job.report;
  const problems = [...(report?.errors ?? []), ...(job.error?.details ?? [])];
  const total = report?.errorsTotal ?? problems.length;

  return (
    <section className="panel" aria-labelledby="result-title" data-testid="import-result" data-status={job.status}>
      <h2 id="result-title">{t('reportTitle')}</h2>
      {job.status === 'running' && (
        <div role="status">
          <p>{t('running', { file: job.file })}</p>
          <label>
            {t('progress')}
            <progress max={job.total ?? undefined} value={job.total ? job.done : undefined} data-testid="import-progress" />
          </label>
          <p className="muted">
            {job.total
              ? t('progressText', { done: fmt.number(job.done, 0), total: fmt.number(job.total, 0) })
              : t('progressDone', { done: fmt.number(job.done, 0) })}
          </p>
        </div>
      )}
      {job.status === 'done' && (
        <p role="status" className="ok" data-testid="import-outcome">
          {job.dryRun ? t('passed', { file: job.file }) : t('imported', { file: job.file })}
        </p>
      )}
      {job.status === 'rejected' && (
        <p role="alert" className="error" data-testid="import-outcome">
          {t('rejected', { file: job.file })}
        </p>
      )}
      {job.status === 'failed' && (
        <p role="alert" className="error" data-testid="import-outcome">
          {t('failed', { message: job.error?.message ?? '' })}
        </p>
      )}
      {job.status === 'interrupted' && (
        <p role="alert" className="error" data-testid="import-outcome">
          {t('interrupted', { file: job.file })}
        </p>
      )}
      {report && job.status === 'done' && (
        <dl className="import-counts" data-testid="import-counts">
          <div>
            <dt>{t('rows')}</dt>
            <dd>{fmt.number(report.rows, 0)}</dd>
          </div>
          <div>
            <dt>{t('created')}</dt>
            <dd data-testid="count-created">{fmt.number(report.inserted, 0)}</dd>
          </div>
          <div>
            <dt>{t('changed')}</dt>
            <dd>{fmt.number(report.updated, 0)}</dd>
          </div>
          <div>
            <dt>{t('unchanged')}</dt>
            <dd>{fmt.number(report.unchanged, 0)}</dd>
          </div>
        </dl>
      )}
      {job.status === 'done' && job.dryRun && (
        <button type="button" onClick={onImportForReal} disabled={busy} data-testid="import-for-real">
          {t('importForReal')}
        </button>
      )}
      {problems.length > 0 && (
        <>
          <h3>{t('problems')}</h3>
          {total > problems.length && <p className="muted">{t('problemsMore', { shown: fmt.number(problems.length, 0), total: fmt.number(total, 0) })}</p>}
          {job.errorsUrl && (
            <p>
              <a href={job.errorsUrl} download data-testid="errors-csv">
                {t('downloadErrors')}
              </a>
            </p>
          )}
          <div className="table-wrap problems">
            <table data-testid="import-errors">
              <caption className="visually-hidden">{t('problemsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fileCol')}</th>
                  <th scope="col" className="num">
                    {t('rowCol')}
                  </th>
                  <th scope="col">{t('columnCol')}</th>
                  <th scope="col">{t('valueCol')}</th>
                  <th scope="col">{t('reasonCol')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.file ?? job.file}</td>
                    <td className="num">{p.row ?? '—'}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{show(p.value) || '—'}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
