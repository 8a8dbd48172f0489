/**
 * The indicator tracking table of a fiscal year: every indicator's baseline, target, quarterly
 * and fiscal-year actuals, % of target and deviation explanation, with the XLSX and PDF
 * downloads in the language of the page. Officers and administrators write the explanations in
 * place. The fiscal year lives in the query string, so a link shows the same table.
 */
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { useProgram } from '../../app/program';
import { Link, useQueryParams } from '../../app/router';
import { usePeriodLabel } from '../../i18n/period-label';
import { ExplanationCell } from './ExplanationCell';
import { ProgramDataQuality } from './ProgramDataQuality';
import { TrackingCells, TrackingHeads } from './TrackingCells';
import { trackingExportUrl, useFiscalYears, useTrackingTable } from './use-tracking';
import './tracking.css';
import { PageHelp } from '../../components/PageHelp';

export default function TrackingPage() {
  const { t, i18n } = useTranslation('tracking');
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const fullLabel = usePeriodLabel('full');
  const shortLabel = usePeriodLabel('short');
  const { code: program, role } = useProgram();
  const canEdit = role === 'officer' || role === 'admin';
  const [query, setQuery] = useQueryParams();
  const years = useFiscalYears();
  const asked = query.get('fy') ?? '';
  const fy = years.ids.includes(asked) ? asked : years.ids[0];
  const table = useTrackingTable(program, fy);
  const rows = table.data?.rows ?? [];
  const missing = rows.filter((r) => r.explanation_required && !r.deviation_explanation).length;
  const nameOf = (r: { name: { en: string; es: string } }) => (lang === 'es' ? r.name.es || r.name.en : r.name.en || r.name.es);

  return (
    <div className="tracking-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="tracking" />
      <p className="intro muted">{t('intro')}</p>
      <QueryState pending={years.pending} error={years.error}>
        <form className="filters" aria-label={t('choose')} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="tracking-fy">{t('fiscalYear')}</label>
            <select id="tracking-fy" name="fy" value={fy} onChange={(e) => setQuery({ fy: e.target.value })}>
              {years.ids.map((id) => (
                <option key={id} value={id}>
                  {fullLabel(id)}
                </option>
              ))}
            </select>
          </div>
        </form>
        {fy && (
          <section className="panel" aria-labelledby="tracking-downloads">
            <h2 id="tracking-downloads">{t('downloads')}</h2>
            <ul className="report-downloads">
              {(['xlsx', 'pdf'] as const).map((format) => (
                <li key={format}>
                  <a href={trackingExportUrl(program, fy, format, lang)} download data-testid={`tracking-download-${format}`}>
                    {t(format === 'xlsx' ? 'downloadXlsx' : 'downloadPdf')}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <QueryState pending={table.isPending} error={table.error}>
          {rows.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <>
              {missing > 0 && (
                <p className="missing-note" data-testid="missing-count">
                  {t('missingCount', { count: missing })}
                </p>
              )}
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="tracking-caption">
                <table className="tracking-table" data-testid="tracking-table">
                  <caption id="tracking-caption">{t('caption', { fy: fy ? fullLabel(fy) : '' })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('indicator')}</th>
                      <TrackingHeads quarters={(table.data?.quarters ?? []).map(shortLabel)} />
                      <th scope="col">{t('explanation')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr
                        key={`${r.indicator}-${r.source ?? ''}`}
                        data-testid={`tracking-row-${r.indicator}`}
                        className={r.explanation_required && !r.deviation_explanation ? 'explanation-missing' : undefined}
                      >
                        <th scope="row">
                          <Link to={`/indicators/${encodeURIComponent(r.indicator)}`}>{nameOf(r)}</Link>
                          {r.source && <span className="muted"> · {r.source}</span>}
                        </th>
                        <TrackingCells row={r} />
                        <ExplanationCell program={program} fy={fy as string} row={r} name={nameOf(r)} canEdit={canEdit} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </QueryState>
      </QueryState>
      <ProgramDataQuality program={program} />
    </div>
  );
}
