/** Indicators and their baselines and targets (officers and administrators). */
import { useTranslation } from 'react-i18next';
import { useIndicators, usePlaces } from '../../app/queries';
import { useProgram } from '../../app/program';
import { Link, useQueryParams } from '../../app/router';
import { useLocalName } from '../../i18n/local-name';
import { QueryState } from '../../components/QueryState';
import type { Indicator } from '../../api/types';
import { CLEARANCES } from '../../api/vocabularies';
import { AdminTable } from './AdminTable';
import { TargetsSection } from './TargetsSection';
import { unitName } from '../../i18n/unit-label';

const DIRECTIONS = ['up', 'down', 'none'];
const ORIGINS = ['reported', 'records', 'formula'];
const AGGS = ['sum', 'latest', 'average', 'none'];

export function IndicatorsTab() {
  const { t, i18n } = useTranslation('admin');
  const { code } = useProgram();
  const name = useLocalName();
  const indicators = useIndicators(code);
  const places = usePlaces(code);
  const [query, setQuery] = useQueryParams();
  const chosenCode = query.get('indicator') ?? '';
  const chosen = indicators.data?.find((i) => i.code === chosenCode);
  const label = (group: string, known: readonly string[], v: string) => (known.includes(v) ? t(`${group}.${v}`) : v);
  const choose = (i: Indicator) => setQuery({ indicator: i.code });
  return (
    <>
      <section aria-labelledby="indicators-heading">
        <h2 id="indicators-heading">{t('indicators.heading')}</h2>
        <QueryState pending={indicators.isPending} error={indicators.error}>
          <div className="filters">
            <label>
              {t('indicators.choose')}
              <select name="indicator" value={chosenCode} onChange={(e) => setQuery({ indicator: e.target.value })} data-testid="indicator-select">
                <option value="">—</option>
                {(indicators.data ?? []).map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.code} — {name(i)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <AdminTable
            testId="indicators-table"
            caption={t('indicators.list')}
            scroll
            rows={indicators.data ?? []}
            rowKey={(i) => i.code}
            rowTestId={(i) => `indicator-row-${i.code}`}
            selected={(i) => i.code === chosenCode}
            columns={[
              { head: t('indicators.code'), rowHeader: true, cell: (i) => i.code },
              { head: t('indicators.name'), cell: (i) => <Link to={`/indicators/${encodeURIComponent(i.code)}`}>{name(i)}</Link> },
              { head: t('indicators.unit'), cell: (i) => unitName(i.unit, i18n.language) },
              { head: t('indicators.direction'), cell: (i) => label('indicators.directions', DIRECTIONS, i.direction) },
              {
                head: t('indicators.aggregation'),
                cell: (i) => (
                  <>
                    {label('indicators.aggs', AGGS, i.agg_time)} / {label('indicators.aggs', AGGS, i.agg_place)}
                  </>
                ),
              },
              { head: t('indicators.sensitivity'), cell: (i) => label('users.clearances', CLEARANCES, i.sensitivity) },
              { head: t('indicators.origin'), cell: (i) => label('indicators.origins', ORIGINS, i.origin) },
              { head: t('indicators.targets'), num: true, cell: (i) => i.targets.length },
              {
                head: t('indicators.show'),
                hiddenHead: true,
                cell: (i) => (
                  <button
                    type="button"
                    className="link"
                    aria-pressed={i.code === chosenCode}
                    onClick={() => choose(i)}
                    aria-label={`${t('indicators.show')}: ${i.code}`}
                  >
                    {t('indicators.show')}
                  </button>
                ),
              },
            ]}
          />
        </QueryState>
      </section>
      {chosen && <TargetsSection key={chosen.code} program={code} indicator={chosen} places={places.data ?? []} />}
    </>
  );
}
