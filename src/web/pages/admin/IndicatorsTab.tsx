/** Indicators and their baselines and targets (officers and administrators). */
import { useTranslation } from 'react-i18next';
import { useIndicators, usePlaces } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useQueryParams } from '../../app/router';
import { useLocalName } from '../../i18n/local-name';
import { QueryState } from '../../components/QueryState';
import type { Indicator } from '../../api/types';
import { CLEARANCES } from '../../api/vocabularies';
import { TargetsSection } from './TargetsSection';

const DIRECTIONS = ['up', 'down', 'none'];
const ORIGINS = ['reported', 'records', 'formula'];
const AGGS = ['sum', 'latest', 'average', 'none'];

export function IndicatorsTab() {
  const { t } = useTranslation('admin');
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
          <div className="table-wrap scroll-table" role="region" aria-label={t('indicators.list')} tabIndex={0}>
            <table data-testid="indicators-table">
              <caption className="visually-hidden">{t('indicators.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.code')}</th>
                  <th scope="col">{t('indicators.name')}</th>
                  <th scope="col">{t('indicators.unit')}</th>
                  <th scope="col">{t('indicators.direction')}</th>
                  <th scope="col">{t('indicators.aggregation')}</th>
                  <th scope="col">{t('indicators.sensitivity')}</th>
                  <th scope="col">{t('indicators.origin')}</th>
                  <th scope="col" className="num">{t('indicators.targets')}</th>
                  <th scope="col"><span className="visually-hidden">{t('indicators.show')}</span></th>
                </tr>
              </thead>
              <tbody>
                {(indicators.data ?? []).map((i) => (
                  <tr key={i.code} data-testid={`indicator-row-${i.code}`} className={i.code === chosenCode ? 'selected' : undefined}>
                    <th scope="row">{i.code}</th>
                    <td>{name(i)}</td>
                    <td>{i.unit}</td>
                    <td>{label('indicators.directions', DIRECTIONS, i.direction)}</td>
                    <td>
                      {label('indicators.aggs', AGGS, i.agg_time)} / {label('indicators.aggs', AGGS, i.agg_place)}
                    </td>
                    <td>{label('users.clearances', CLEARANCES, i.sensitivity)}</td>
                    <td>{label('indicators.origins', ORIGINS, i.origin)}</td>
                    <td className="num">{i.targets.length}</td>
                    <td>
                      <button type="button" className="link" aria-pressed={i.code === chosenCode} onClick={() => choose(i)} aria-label={`${t('indicators.show')}: ${i.code}`}>
                        {t('indicators.show')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </QueryState>
      </section>
      {chosen && <TargetsSection key={chosen.code} program={code} indicator={chosen} places={places.data ?? []} />}
    </>
  );
}
