/**
 * The program's performance-management housekeeping beside its tracking table: how complete
 * the indicators' reference sheets are, and which indicators are due a data quality
 * assessment (the last one older than three years, or none), each linked to its page.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { Link } from '../../app/router';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';

export function ProgramDataQuality({ program }: { program: string }) {
  const { t } = useTranslation('tracking');
  const f = useFormat();
  const name = useLocalName();
  const completeness = useQuery({
    queryKey: ['indicators', 'reference-completeness', program],
    queryFn: () => ok(api.GET('/api/programs/{program}/reference-completeness', { params: { path: { program } } })),
    enabled: program !== '',
  });
  const overdue = useQuery({
    queryKey: ['dqa', program, 'overdue'],
    queryFn: () => ok(api.GET('/api/programs/{program}/dqa/overdue', { params: { path: { program } } })),
    enabled: program !== '',
  });
  const due = overdue.data?.indicators ?? [];
  return (
    <section className="panel" aria-labelledby="program-quality">
      <h2 id="program-quality">{t('quality.heading')}</h2>
      <QueryState pending={completeness.isPending} error={completeness.error}>
        {completeness.data && (
          <p data-testid="program-completeness">
            {t('quality.completeness', {
              percent: f.number(completeness.data.percent, 1),
              filled: completeness.data.filled,
              required: completeness.data.required,
            })}
          </p>
        )}
      </QueryState>
      <QueryState pending={overdue.isPending} error={overdue.error}>
        {due.length === 0 ? (
          <p>{t('quality.noneDue')}</p>
        ) : (
          <details data-testid="dqa-overdue">
            <summary>{t('quality.due', { count: due.length })}</summary>
            <ul>
              {due.map((i) => (
                <li key={i.indicator}>
                  <Link to={`/indicators/${encodeURIComponent(i.indicator)}`}>{name(i)}</Link>{' '}
                  <span className="muted">{i.last_dqa ? t('quality.last', { date: f.date(i.last_dqa.date) }) : t('quality.never')}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </QueryState>
    </section>
  );
}
