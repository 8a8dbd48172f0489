/**
 * Report definitions every program has without writing one: the indicator-progress report over
 * the whole framework. A program's own `reports/progress.json` replaces it.
 */
import type { ReportDefinition } from './report-definition.schema.js';
import { parseReportDefinition } from './report-definition.schema.js';

const progress = parseReportDefinition(
  {
    code: 'progress',
    title: { en: '{{program}}: indicator progress, {{period}}', es: '{{program}}: avance de los indicadores, {{period}}' },
    sections: [
      {
        type: 'narrative',
        text: {
          en: 'Baseline, target and actual value of every indicator of the results framework, by goal and component, with the percent of target reached.',
          es: 'Línea de base, meta y valor real de cada indicador del marco de resultados, por objetivo y componente, con el porcentaje de la meta alcanzado.',
        },
      },
      { type: 'progress', periods: { from: -4, to: 0 } },
    ],
  },
  'built-in progress report',
);

/** Built-in definitions by code. */
export const BUILTIN_REPORTS: ReadonlyMap<string, ReportDefinition> = new Map([[progress.code, progress]]);
