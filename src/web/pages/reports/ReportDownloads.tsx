/** Links that download the report in each format, named as the server names the file. */
import { useTranslation } from 'react-i18next';

export interface ReportRef {
  program: string;
  report: string;
  period: string;
  lang: 'en' | 'es';
}

/** The API address of a report in one format. */
export function reportUrl(r: ReportRef, format: 'md' | 'html' | 'pdf'): string {
  const q = new URLSearchParams({ program: r.program, period: r.period, lang: r.lang, format });
  return `/api/reports/${encodeURIComponent(r.report)}?${q.toString()}`;
}

const FORMATS = [
  { format: 'md', label: 'downloadMd' },
  { format: 'html', label: 'downloadHtml' },
  { format: 'pdf', label: 'downloadPdf' },
] as const;

export function ReportDownloads({ report }: { report: ReportRef }) {
  const { t } = useTranslation('reports');
  return (
    <ul className="report-downloads">
      {FORMATS.map(({ format, label }) => (
        <li key={format}>
          <a
            href={reportUrl(report, format)}
            download={`${report.program}-${report.report}-${report.period}-${report.lang}.${format}`}
            data-testid={`download-${format}`}
          >
            {t(label)}
          </a>
        </li>
      ))}
      <li>
        <a href={reportUrl(report, 'html')} target="_blank" rel="noopener">
          {t('openHtml')}
        </a>
      </li>
    </ul>
  );
}
