/**
 * The one notation for what a figure is made of (core/figure-marks.ts), as the web app shows it:
 * the flag letters as a small superscript after a figure, named in words for screen readers and
 * on hover, and a legend that lists only the flags present, in the reader's language. The
 * dashboard, explorer and map all use these, so a figure carries the same letters everywhere.
 */
import { useTranslation } from 'react-i18next';
import { MARK_LEGEND, markLetters, type FigureMark } from '../../core/figure-marks';
import { legendLines, marksPresent } from '../../core/marks-legend';
import { rowMarks } from '../../core/row-marks';
import { useFormat } from '../i18n/format';
import './figure-marks.css';

export { rowMarks };

/** A figure's flags after it ("1,234 ᵈ"); nothing when it has none. */
export function FigureMarks({ marks }: { marks: readonly FigureMark[] }) {
  const { language } = useFormat();
  if (marks.length === 0) return null;
  const words = marks.map((m) => MARK_LEGEND[language][m]).join('; ');
  return (
    <sup className="figure-marks" data-testid="figure-marks" data-marks={marks.join(' ')} title={words}>
      <span aria-hidden="true">{markLetters(marks)}</span>
      <span className="visually-hidden"> ({words})</span>
    </sup>
  );
}

/** The legend of the flags that the figures shown carry (`figures`: each one's flags); nothing when none has one. */
export function MarksLegend({ figures }: { figures: Iterable<readonly FigureMark[]> }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const marks = marksPresent(figures);
  if (marks.length === 0) return null;
  const lines = legendLines(marks, language);
  return (
    <div className="marks-legend" data-testid="marks-legend" data-marks={marks.join(' ')}>
      <p className="marks-legend-title">{t('marksLegend')}</p>
      <ul>
        {lines.map((line, i) => (
          <li key={marks[i]} data-mark={marks[i]}>
            {line}
          </li>
        ))}
      </ul>
    </div>
  );
}
