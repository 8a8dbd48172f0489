/** A period id typed by hand (2012, 2012Q3, 201207, 2012Oct), applied on Enter or when leaving the field. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_ID } from './explorer-params';

export function PeriodInput({ label, value, name, onCommit }: { label: string; value: string; name: string; onCommit(value: string): void }) {
  const { t } = useTranslation('explorer');
  const [text, setText] = useState(value);
  const hint = useId();
  useEffect(() => setText(value), [value]);
  const trimmed = text.trim();
  const invalid = trimmed !== '' && !PERIOD_ID.test(trimmed);
  const commit = () => {
    if (!invalid && trimmed !== value) onCommit(trimmed);
  };
  return (
    <label>
      {label}
      <input
        name={name}
        value={text}
        size={9}
        aria-invalid={invalid || undefined}
        aria-describedby={hint}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      <span id={hint} className={invalid ? 'error hint' : 'hint'}>
        {invalid ? t('periodInvalid') : t('periodHint')}
      </span>
    </label>
  );
}
