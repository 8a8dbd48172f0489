/** The fields of a record's type, one control each (a list field as a table of rows), with their problems. */
import type { Organisation, Place } from '../../api/types';
import { FieldControl } from './FieldControl';
import { ListFieldControl } from './ListFieldControl';
import type { FormState, FormValue, RecordType } from './field-rules';

interface Props {
  type: RecordType;
  values: FormState;
  setValue(code: string, v: FormValue): void;
  touch(key: string): void;
  errorFor(key: string): string | null;
  /** A partner's own organisation: fixed in the organisation field. */
  ownOrganisation: string | null;
  places: readonly Place[];
  organisations: readonly Organisation[];
}

export function RecordFields({ type, values, setValue, touch, errorFor, ownOrganisation, places, organisations }: Props) {
  return (
    <div className="form-grid">
      {type.fields.map((f) => {
        const id = `rf-${f.code}`;
        const v = values[f.code];
        if (f.type === 'list') {
          return (
            <ListFieldControl
              key={f.code}
              field={f}
              id={id}
              items={Array.isArray(v) ? v : []}
              onChange={(items) => setValue(f.code, items)}
              onBlur={touch}
              errorFor={errorFor}
              places={places}
              organisations={organisations}
            />
          );
        }
        const currencyValue = f.currency_field ? values[f.currency_field] : undefined;
        return (
          <FieldControl
            key={f.code}
            field={f}
            id={id}
            value={Array.isArray(v) ? undefined : v}
            onChange={(x) => setValue(f.code, x)}
            onBlur={() => touch(f.code)}
            error={errorFor(f.code)}
            places={places}
            organisations={organisations}
            currency={typeof currencyValue === 'string' && currencyValue ? currencyValue.toUpperCase() : undefined}
            disabled={f.code === type.organisation_field && ownOrganisation !== null}
          />
        );
      })}
    </div>
  );
}
