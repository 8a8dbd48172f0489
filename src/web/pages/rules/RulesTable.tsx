/**
 * The program's validation rules in a table: code (and name), kind, severity, indicator, what it
 * checks in words (limits, relation, whole numbers, outlier score) and place level; for each,
 * change (range, whole, relation) and delete.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import type { Indicator } from '../../api/types';
import { FORM_KINDS } from './rule-form';
import type { StoredRule } from './use-rules';

interface Props {
  rules: StoredRule[];
  indicators: Indicator[];
  onEdit: (rule: StoredRule) => void;
  onDelete: (rule: StoredRule) => void;
}

export function RulesTable({ rules, indicators, onEdit, onDelete }: Props) {
  const { t } = useTranslation('rules');
  const f = useFormat();
  const name = useLocalName();
  const num = (v: unknown) => f.number(typeof v === 'number' ? v : null, 6);
  const check = (r: StoredRule): string => {
    if (r.kind === 'range')
      return [r.min !== undefined ? t('atLeast', { min: num(r.min) }) : '', r.max !== undefined ? t('atMost', { max: num(r.max) }) : '']
        .filter(Boolean)
        .join('; ');
    if (r.kind === 'whole') return t('wholeCheck');
    if (r.kind === 'relation') return String(r.relation);
    return t('outlierCheck', { threshold: num(r.threshold), history: num(r.min_history) });
  };
  const indicatorName = (code: unknown) => {
    if (typeof code !== 'string') return '—';
    const found = indicators.find((i) => i.code === code);
    return found ? `${name(found)} (${code})` : code;
  };
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="rules-caption">
      <table data-testid="rules-table">
        <caption id="rules-caption">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('severity')}</th>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{t('check')}</th>
            <th scope="col">{t('level')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => {
            const names = r.name as { en?: string; es?: string } | undefined;
            const ruleName = names ? name({ name_en: names.en ?? null, name_es: names.es ?? null }) : '';
            return (
              <tr key={r.code} data-testid={`rule-${r.code}`}>
                <th scope="row">
                  <code>{r.code}</code>
                  {ruleName && <div className="muted">{ruleName}</div>}
                </th>
                <td>{t(`kinds.${r.kind}`, { defaultValue: r.kind })}</td>
                <td>{t(`severityShort.${r.severity}`, { defaultValue: r.severity })}</td>
                <td>{indicatorName(r.indicator)}</td>
                <td data-testid="rule-check">{r.kind === 'relation' ? <code>{check(r)}</code> : check(r)}</td>
                <td>{typeof r.level === 'number' ? t(`entry:levels.${r.level}`, { defaultValue: String(r.level) }) : t('allLevels')}</td>
                <td>
                  <div className="row-actions">
                    {(FORM_KINDS as readonly string[]).includes(r.kind) && (
                      <button type="button" className="secondary" onClick={() => onEdit(r)}>
                        {t('change')}
                        <span className="visually-hidden"> {r.code}</span>
                      </button>
                    )}
                    <button type="button" className="danger" onClick={() => onDelete(r)}>
                      {t('delete')}
                      <span className="visually-hidden"> {r.code}</span>
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
