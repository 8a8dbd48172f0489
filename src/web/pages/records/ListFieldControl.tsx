/** A list field (participants, crops, milestones…): rows of sub-fields, added and removed freely. */
import { useTranslation } from 'react-i18next';
import type { Organisation, Place } from '../../api/types';
import { FieldControl, useFieldLabel } from './FieldControl';
import { emptyItem, type FieldDef, type ItemInput } from './field-rules';

export interface ListFieldControlProps {
  field: FieldDef;
  id: string;
  items: ItemInput[];
  onChange(items: ItemInput[]): void;
  onBlur(key: string): void;
  /** The message for a key (`participants`, `participants[1].sex`), or null. */
  errorFor(key: string): string | null;
  places: readonly Place[];
  organisations: readonly Organisation[];
}

export function ListFieldControl({ field: f, id, items, onChange, onBlur, errorFor, places, organisations }: ListFieldControlProps) {
  const { t } = useTranslation('records');
  const label = useFieldLabel()(f);
  const listError = errorFor(f.code);
  const set = (i: number, code: string, v: ItemInput[string]) =>
    onChange(items.map((item, k) => (k === i ? { ...item, [code]: v as ItemInput[string] } : item)));
  return (
    <fieldset className="list-field" data-testid={`field-${f.code}`} aria-describedby={listError ? `${id}-error` : undefined}>
      <legend>
        {label}
        {f.required && <span aria-hidden="true">{' *'}</span>}
      </legend>
      {items.length === 0 && <p className="muted">{t('noItems')}</p>}
      {items.map((item, i) => (
        <fieldset key={i} className="list-item">
          <legend>{`${t('row')} ${i + 1}`}</legend>
          {(f.fields ?? []).map((s) => {
            const key = `${f.code}[${i}].${s.code}`;
            return (
              <FieldControl
                key={s.code}
                field={s}
                id={`${id}-${i}-${s.code}`}
                value={item[s.code]}
                onChange={(v) => set(i, s.code, v)}
                onBlur={() => onBlur(key)}
                error={errorFor(key)}
                places={places}
                organisations={organisations}
              />
            );
          })}
          <button type="button" className="secondary" onClick={() => onChange(items.filter((_, k) => k !== i))}>
            {t('removeItem', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...items, emptyItem(f)])}>
        {t('addItem', { field: label })}
      </button>
      {listError && (
        <span id={`${id}-error`} className="field-error error">
          {listError}
        </span>
      )}
    </fieldset>
  );
}
