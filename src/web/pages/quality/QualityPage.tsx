/**
 * The data quality page: the heat map of partner organisations × periods from the reporting
 * calendar (on time, late, missing, not due yet), completeness and timeliness per organisation
 * and for the program, filters by period (an API parameter) and indicator (applied here to the
 * reports, each of which names its indicators); officers reopen a closed period. A partner sees
 * its own organisation's, as the API answers. Below, the open rule violations and outliers
 * (ViolationsList). Officers find the link to the validation rules here. The filters live in the query string.
 */
import { useTranslation } from 'react-i18next';
import { PageHelp } from '../../components/PageHelp';
import { QueryState } from '../../components/QueryState';
import { useProgram } from '../../app/program';
import { useIndicators, useMe, useOrganisations } from '../../app/queries';
import { Link, useQueryParams } from '../../app/router';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { usePeriodLabel } from '../../i18n/period-label';
import { useFiscalYears } from '../tracking/use-tracking';
import { CompletenessTable } from './CompletenessTable';
import { HeatMap } from './HeatMap';
import { ReopenPanel } from './ReopenPanel';
import { StatusLegend } from './StatusMark';
import { qualityGrid, reopenable, reportsOf } from './quality-grid';
import { useExpectedReports } from './use-calendar';
import { ViolationsList } from './ViolationsList';
import './quality.css';

export default function QualityPage() {
  const { t } = useTranslation('quality');
  const f = useFormat();
  const name = useLocalName();
  const fullLabel = usePeriodLabel('full');
  const { code: program } = useProgram();
  const { data: me } = useMe();
  const canReopen = me?.user?.role === 'officer' || me?.user?.role === 'admin';
  const [query, setQuery] = useQueryParams();
  const years = useFiscalYears();
  const period = years.ids.includes(query.get('period') ?? '') ? (query.get('period') as string) : '';
  const reports = useExpectedReports(program, period);
  const organisations = useOrganisations(program);
  const indicators = useIndicators(program);

  const all = reports.data?.reports ?? [];
  const named = [...new Set(all.flatMap((r) => r.indicators))];
  const indicator = named.includes(query.get('indicator') ?? '') ? (query.get('indicator') as string) : '';
  const shown = reportsOf(all, indicator);
  const grid = qualityGrid(shown);
  const orgName = (code: string) => name(organisations.data?.find((o) => o.code === code)) || code;
  const indicatorName = (code: string) => name(indicators.data?.find((i) => i.code === code)) || code;
  const keys = (pick: (r: (typeof all)[number]) => boolean) => new Set(shown.filter(pick).map((r) => `${r.organisation}|${r.period}`));

  return (
    <div className="quality-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="quality" />
      {canReopen && (
        <p>
          <Link to="/validation-rules" data-testid="rules-link">
            {t('rules:fromQuality')}
          </Link>
        </p>
      )}
      <form className="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="quality-period">{t('period')}</label>
          <select id="quality-period" name="period" value={period} onChange={(e) => setQuery({ period: e.target.value })}>
            <option value="">{t('allPeriods')}</option>
            {years.ids.map((id) => (
              <option key={id} value={id}>
                {fullLabel(id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="quality-indicator">{t('indicator')}</label>
          <select id="quality-indicator" name="indicator" value={indicator} onChange={(e) => setQuery({ indicator: e.target.value })}>
            <option value="">{t('allIndicators')}</option>
            {named.map((code) => (
              <option key={code} value={code}>
                {indicatorName(code)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="muted">{t('noZoneFilter')}</p>
      <QueryState pending={reports.isPending} error={reports.error}>
        {reports.data && <p data-testid="as-of">{t('asOf', { date: f.date(reports.data.as_of) })}</p>}
        <StatusLegend />
        {shown.length === 0 ? (
          <p data-testid="no-reports">{t('none')}</p>
        ) : (
          <>
            <HeatMap grid={grid} nameOf={orgName} closed={keys((r) => r.closed)} reopened={keys((r) => r.reopened)} />
            <section className="panel" aria-labelledby="quality-figures">
              <h2 id="quality-figures">{t('figures')}</h2>
              <CompletenessTable grid={grid} nameOf={orgName} />
            </section>
          </>
        )}
        {canReopen && <ReopenPanel program={program} closed={reopenable(all)} nameOf={orgName} />}
      </QueryState>
      <section className="panel" aria-labelledby="quality-violations" data-testid="violations-section">
        <h2 id="quality-violations">{t('violations.heading')}</h2>
        <p className="muted">{t('violations.help')}</p>
        <ViolationsList program={program} period={period} indicator={indicator} indicatorName={indicatorName} />
      </section>
    </div>
  );
}
