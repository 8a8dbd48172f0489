/** The sheet's "changes to the indicator": who changed which field, when, from what to what, and why — newest first. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { pickText, type ReferenceSheet } from './use-indicator-data';

/** A stored value as a reader reads it: a text in their language, a list, a name. */
function shown(value: unknown, lang: 'en' | 'es'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => shown(v, lang)).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('en' in o || 'es' in o) return pickText(o as { en?: string; es?: string }, lang)?.text ?? '—';
    if (typeof o.name === 'string') return o.name;
    return JSON.stringify(value);
  }
  return String(value);
}

export function ChangeHistory({ sheet }: { sheet: ReferenceSheet }) {
  const { t, i18n } = useTranslation('indicator');
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const f = useFormat();
  if (sheet.history.length === 0) return <p>{t('history.none')}</p>;
  const newestFirst = [...sheet.history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="history-caption">
      <table data-testid="change-history">
        <caption id="history-caption">{t('history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.when')}</th>
            <th scope="col">{t('history.who')}</th>
            <th scope="col">{t('history.field')}</th>
            <th scope="col">{t('history.before')}</th>
            <th scope="col">{t('history.after')}</th>
            <th scope="col">{t('history.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((c, i) => (
            <tr key={`${c.at}-${c.field}-${i}`}>
              <td>{f.dateTime(c.at)}</td>
              <td>{c.by}</td>
              <th scope="row">{t(`fields.${c.field}`, { defaultValue: c.field })}</th>
              <td className="history-value">{shown(c.before, lang)}</td>
              <td className="history-value">{shown(c.after, lang)}</td>
              <td>{c.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
