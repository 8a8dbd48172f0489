/** The list of records of one type: reference, date, place, the type's first fields, status. */
import { useTranslation } from 'react-i18next';
import type { ApiRecord } from '../../api/types';
import { useFieldLabel } from './FieldControl';
import type { FieldDef, RecordType } from './field-rules';
import { useOrganisationName, useValueText } from './value-text';

/** The type's own columns: its first fields other than place, date and organisation. */
export function summaryFields(type: RecordType, n = 3): FieldDef[] {
  const skip = new Set([type.place_field, type.date_field, type.organisation_field]);
  return type.fields.filter((f) => !skip.has(f.code) && f.type !== 'list').slice(0, n);
}

export interface RecordTableProps {
  type: RecordType;
  items: readonly ApiRecord[];
  mayEdit(record: ApiRecord): boolean;
  onOpen(record: ApiRecord): void;
}

export function RecordTable({ type, items, mayEdit, onOpen }: RecordTableProps) {
  const { t, i18n } = useTranslation('records');
  const label = useFieldLabel();
  const text = useValueText();
  const organisationName = useOrganisationName();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const byCode = new Map(type.fields.map((f) => [f.code, f]));
  const dateField = byCode.get(type.date_field);
  const placeField = byCode.get(type.place_field);
  const columns = summaryFields(type);
  const numeric = (f: FieldDef) => f.type === 'quantity' || f.type === 'number' || f.type === 'integer';
  return (
    <div className="table-wrap">
      <table data-testid="records-table">
        <caption className="visually-hidden">{t('listCaption', { type: type.name[lang] })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ref')}</th>
            <th scope="col">{dateField ? label(dateField) : t('date')}</th>
            <th scope="col">{placeField ? label(placeField) : t('place')}</th>
            {columns.map((f) => (
              <th key={f.code} scope="col" className={numeric(f) ? 'num' : undefined}>
                {label(f)}
              </th>
            ))}
            <th scope="col">{t('organisation')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const ref = r.ref ?? `#${r.id}`;
            const edit = mayEdit(r);
            return (
              <tr key={r.id} data-testid={`record-row-${r.id}`} data-ref={r.ref ?? undefined}>
                <th scope="row">{ref}</th>
                <td>{dateField ? text(dateField, r.date) : r.date}</td>
                <td>{placeField ? text(placeField, r.place) : r.place}</td>
                {columns.map((f) => (
                  <td key={f.code} className={numeric(f) ? 'num' : undefined}>
                    {text(f, r.data[f.code])}
                  </td>
                ))}
                <td>{organisationName(r.organisation)}</td>
                <td>
                  <span className={`badge ${r.status}`}>{t(`statuses.${r.status}`, { defaultValue: r.status })}</span>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(r)} aria-label={edit ? t('editLabel', { ref }) : t('openLabel', { ref })}>
                    {edit ? t('edit') : t('open')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
