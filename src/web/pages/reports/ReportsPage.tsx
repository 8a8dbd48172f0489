/**
 * Reports: pick a report, a period and a language; read the HTML rendering in the page and
 * download it as Markdown, HTML or PDF. The choice lives in the query string, so it can be shared.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { useProgram } from '../../app/program';
import { useQueryParams } from '../../app/router';
import { useLocalName } from '../../i18n/local-name';
import { usePeriodLabel } from '../../i18n/period-label';
import { kindOf, periodOptions, switchKind, type PeriodKind } from './report-periods';
import { ReportDownloads, reportUrl, type ReportRef } from './ReportDownloads';
import { ReportPreview } from './ReportPreview';
import { useReportCatalog } from './use-report-catalog';
import './reports.css';
import { PageHelp } from '../../components/PageHelp';

const KINDS: readonly PeriodKind[] = ['year', 'fiscal_year', 'quarter'];

export default function ReportsPage() {
  const { t, i18n } = useTranslation('reports');
  const name = useLocalName();
  // The picker names a period as the report itself will: 2012, FY2013 (Oct 2012 – Sep 2013), 2012 Q3.
  const periodLabel = usePeriodLabel('full');
  const { code: program } = useProgram();
  const [query, setQuery] = useQueryParams();
  const catalog = useReportCatalog(program);

  const reports = catalog.data?.reports ?? [];
  const options = useMemo(() => {
    const now = new Date().getFullYear();
    const span = catalog.data?.years ?? { first: now - 5, last: now };
    return periodOptions(span.first, span.last, catalog.data?.fiscal_year_start_month ?? 10);
  }, [catalog.data]);

  const reportCode = reports.some((r) => r.code === query.get('report'))
    ? (query.get('report') as string)
    : (reports.find((r) => r.code === 'factsheet') ?? reports[0])?.code;
  const report = reports.find((r) => r.code === reportCode);
  const asked = query.get('period');
  const period = options.find((o) => o.id === asked) ?? options.find((o) => o.kind === 'year');
  const kinds = KINDS.filter((k) => options.some((o) => o.kind === k));
  const uiLang = i18n.language === 'es' ? 'es' : 'en';
  const asLang = query.get('lang');
  const lang = asLang === 'en' || asLang === 'es' ? asLang : uiLang;
  const ref: ReportRef | null = report && period ? { program, report: report.code, period: period.id, lang } : null;

  return (
    <div className="reports-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="reports" />
      <p className="intro muted">{t('intro')}</p>
      <QueryState pending={catalog.isPending} error={catalog.error}>
        {reports.length === 0 ? (
          <p>{t('noReports')}</p>
        ) : (
          <>
            <form className="filters" aria-label={t('choose')} onSubmit={(e) => e.preventDefault()}>
              <div className="field report-choice">
                <label htmlFor="report-choice">{t('report')}</label>
                <select id="report-choice" name="report" value={reportCode} onChange={(e) => setQuery({ report: e.target.value })}>
                  {reports.map((r) => (
                    <option key={r.code} value={r.code}>
                      {name(r)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="report-period-kind">{t('periodKind')}</label>
                <select
                  id="report-period-kind"
                  name="period-kind"
                  value={period?.kind ?? 'year'}
                  onChange={(e) => setQuery({ period: switchKind(options, period, e.target.value as PeriodKind)?.id })}
                >
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`periodKinds.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="report-period">{t('period')}</label>
                <select id="report-period" name="period" value={period?.id} onChange={(e) => setQuery({ period: e.target.value })}>
                  {options
                    .filter((o) => o.kind === (period ? kindOf(period.id) : 'year'))
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {periodLabel(o.id)}
                      </option>
                    ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="report-lang">{t('reportLanguage')}</label>
                <select id="report-lang" name="lang" value={lang} onChange={(e) => setQuery({ lang: e.target.value === uiLang ? undefined : e.target.value })}>
                  <option value="en" lang="en">
                    {t('languages.en')}
                  </option>
                  <option value="es" lang="es">
                    {t('languages.es')}
                  </option>
                </select>
              </div>
            </form>
            {ref && report && period && (
              <>
                <section className="panel" aria-labelledby="report-downloads">
                  <h2 id="report-downloads">{t('downloads')}</h2>
                  <ReportDownloads report={ref} />
                </section>
                <section aria-labelledby="report-preview">
                  <h2 id="report-preview">{t('preview')}</h2>
                  <ReportPreview src={reportUrl(ref, 'html')} title={t('previewTitle', { report: name(report), period: periodLabel(period.id) })} />
                </section>
              </>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
