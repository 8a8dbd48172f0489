/** One form control for one field of a record type, chosen by the field's kind. */
import { useTranslation } from 'react-i18next';
import type { Organisation, Place } from '../../api/types';
import { useLocalName } from '../../i18n/local-name';
import { useZones } from '../../app/queries';
import { useProgram } from '../../app/program';
import { UNITS, defaultUnit, isQuantityInput, today, type LeafDef, type ScalarInput } from './field-rules';

export interface FieldControlProps {
  field: LeafDef;
  /** Unique id of the control; the error is `${id}-error`. */
  id: string;
  value: ScalarInput | undefined;
  onChange(value: ScalarInput): void;
  onBlur(): void;
  /** The message to show beside the field (already translated), if any. */
  error: string | null;
  places: readonly Place[];
  organisations: readonly Organisation[];
  /** For a currency amount: the currency chosen in the record. */
  currency?: string | undefined;
  disabled?: boolean | undefined;
}

/** The field's name in the current language. */
export function useFieldLabel(): (f: LeafDef) => string {
  const { i18n } = useTranslation();
  return (f) => (i18n.language === 'es' ? f.name.es : f.name.en);
}

function dateBound(b: unknown): string | undefined {
  return b === 'today' ? today() : typeof b === 'string' ? b : undefined;
}

export function FieldControl({ field: f, id, value, onChange, onBlur, error, places, organisations, currency, disabled }: FieldControlProps) {
  const { t, i18n } = useTranslation('records');
  const localName = useLocalName();
  const zones = useZones(useProgram().code).data ?? [];
  const label = useFieldLabel()(f);
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const text = typeof value === 'string' ? value : '';
  const described = [error ? `${id}-error` : null, f.description ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: f.code,
    onBlur,
    disabled,
    required: f.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    'data-field': f.code,
  } as const;

  let control;
  switch (f.type) {
    case 'choice':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('choose')}</option>
          {(f.choices ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name[lang]}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('notSet')}</option>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      );
      break;
    case 'place':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('choose')}</option>
          {places.map((p) => (
            <option key={p.code} value={p.code}>
              {`${'\u2003'.repeat(Math.max(0, p.level - 1))}${p.name}`}
            </option>
          ))}
        </select>
      );
      break;
    case 'zone':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('choose')}</option>
          {zones.map((z) => (
            <option key={z.code} value={z.code}>
              {localName(z)}
            </option>
          ))}
        </select>
      );
      break;
    case 'organisation':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('choose')}</option>
          {organisations.map((o) => (
            <option key={o.code} value={o.code}>
              {localName(o)}
            </option>
          ))}
        </select>
      );
      break;
    case 'date':
      control = <input {...common} type="date" value={text} min={dateBound(f.min)} max={dateBound(f.max)} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'integer':
    case 'number':
      control = (
        <input {...common} type="text" inputMode={f.type === 'integer' ? 'numeric' : 'decimal'} value={text} onChange={(e) => onChange(e.target.value)} />
      );
      break;
    case 'quantity': {
      const q = isQuantityInput(value) ? value : { amount: text, unit: defaultUnit(f) };
      const dimension = f.unit && f.unit !== 'currency' ? f.unit : null;
      control = (
        <span className="quantity">
          <input {...common} type="text" inputMode="decimal" value={q.amount} onChange={(e) => onChange({ ...q, amount: e.target.value })} />
          {dimension ? (
            <>
              <label htmlFor={`${id}-unit`} className="visually-hidden">
                {t('unit', { field: label })}
              </label>
              <select
                id={`${id}-unit`}
                value={q.unit}
                disabled={disabled}
                onChange={(e) => onChange({ ...q, unit: e.target.value })}
                data-field={`${f.code}_unit`}
              >
                {Object.keys(UNITS[dimension]).map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <span className="muted">{currency ? t('currencyOf', { currency }) : t('noCurrency')}</span>
          )}
        </span>
      );
      break;
    }
    case 'text':
      control =
        (f.max_length ?? 2000) > 300 ? (
          <textarea {...common} rows={3} value={text} maxLength={f.max_length} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)} />
        );
      break;
    default:
      // period and anything new: free text, checked as typed.
      control = <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)} />;
  }

  return (
    <div className={`field field-${f.type}${error ? ' invalid' : ''}`} data-testid={`field-${f.code}`}>
      <label htmlFor={id}>
        {label}
        {f.required && (
          <span className="req" aria-hidden="true">
            {' *'}
          </span>
        )}
        {f.required && <span className="visually-hidden">{` (${t('requiredMark')})`}</span>}
        {f.sensitivity !== 'public' && <span className={`sensitivity ${f.sensitivity}`}>{t(`sensitivity.${f.sensitivity}`)}</span>}
      </label>
      {control}
      {f.description && (
        <span id={`${id}-help`} className="help muted">
          {f.description[lang]}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error error" data-testid={`error-${f.code}`}>
          {error}
        </span>
      )}
    </div>
  );
}
