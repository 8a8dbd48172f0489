/** Cards and charts of the key indicators under the filters; shared by the dashboard and the public page. */
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import { useDashboardData, type Audience } from './dashboard-data';
import { useDashboardFilters } from './dashboard-filters';
import { yearToPeriod, type HeadlineChoice } from './dashboard-stats';
import { Filters } from './Filters';
import { IndicatorCard } from './IndicatorCard';
import { TrendChart } from './TrendChart';
import { CocaChart } from './CocaChart';
import { MarksLegend, rowMarks } from '../../components/FigureMarks';
import './dashboard.css';

export function DashboardView({ audience }: { audience: Audience }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const [filters, update] = useDashboardFilters();
  const data = useDashboardData(filters, audience);
  // Partial periods head the cards only when asked for: by the control, or by naming the year in "to".
  const choice: HeadlineChoice = { includePartial: filters.partial === '1', ...(filters.to ? { to: yearToPeriod(Number(filters.to), filters.kind) } : {}) };

  return (
    <div className="dashboard" data-testid="dashboard" data-audience={audience}>
      <Filters filters={filters} update={update} drafts={audience === 'internal'} />
      <QueryState pending={data.pending} error={data.error}>
        <section aria-labelledby="dashboard-cards">
          <h2 id="dashboard-cards">{t('cards')}</h2>
          <div className="cards indicator-cards">
            {data.cards.map((def) => (
              <IndicatorCard key={def.id} def={def} rows={data.rows} targetPlace={data.targetPlace} kind={filters.kind} choice={choice} />
            ))}
          </div>
          {data.updatedAt > 0 && (
            <p className="muted updated" aria-live="polite">
              {t('updated', { time: f.dateTime(new Date(data.updatedAt)) })}
            </p>
          )}
        </section>
        <section aria-labelledby="dashboard-charts">
          <h2 id="dashboard-charts">{t('charts')}</h2>
          <div className="grid-2 dashboard-charts">
            {data.cultivation && <CocaChart indicator={data.cultivation} rows={data.rows} kind={filters.kind} />}
            {data.trends.map((indicator) => (
              <TrendChart key={indicator.code} indicator={indicator} rows={data.rows} targetPlace={data.targetPlace} kind={filters.kind} />
            ))}
          </div>
        </section>
        <MarksLegend figures={data.rows.map(rowMarks)} />
      </QueryState>
    </div>
  );
}
