/** A record read-only: for analysts, and for records locked by approval. */
import { useTranslation } from 'react-i18next';
import type { ApiRecord } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useFieldLabel } from './FieldControl';
import type { RecordType } from './field-rules';
import { useValueText } from './value-text';

export function RecordDetails({ type, record, reason, onClose }: { type: RecordType; record: ApiRecord; reason: string; onClose(): void }) {
  const { t, i18n } = useTranslation('records');
  const label = useFieldLabel();
  const text = useValueText();
  const format = useFormat();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const ref = record.ref ?? `#${record.id}`;
  return (
    <section className="record-details" aria-labelledby="record-details-title" data-testid="record-details">
      <h2 id="record-details-title">{t('formView', { type: type.name[lang], ref })}</h2>
      <p className="muted">{reason}</p>
      {type.hidden.length > 0 && (
        <p className="hidden-note" data-testid="hidden-note">
          {t('hiddenNote', { count: type.hidden.length })}
        </p>
      )}
      <dl className="details-grid">
        {type.fields.map((f) => {
          const v = record.data[f.code];
          return (
            <div key={f.code} data-testid={`value-${f.code}`}>
              <dt>{label(f)}</dt>
              <dd>
                {f.type === 'list' && Array.isArray(v) && v.length > 0 ? (
                  <ul>
                    {v.map((item: unknown, i) => (
                      <li key={i}>{(f.fields ?? []).map((s) => `${label(s)}: ${text(s, (item as Record<string, unknown>)[s.code])}`).join(' · ')}</li>
                    ))}
                  </ul>
                ) : (
                  text(f, v)
                )}
              </dd>
            </div>
          );
        })}
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <span className={`badge ${record.status}`}>{t(`statuses.${record.status}`, { defaultValue: record.status })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('ref')}</dt>
          <dd>{record.ref ?? '—'}</dd>
        </div>
        {record.note && (
          <div className="wide">
            <dt>{t('note')}</dt>
            <dd>{record.note}</dd>
          </div>
        )}
        <div>
          <dt>{t('version', { version: record.version })}</dt>
          <dd>{format.dateTime(record.updated_at)}</dd>
        </div>
      </dl>
      <button type="button" className="secondary" onClick={onClose}>
        {t('backToList')}
      </button>
    </section>
  );
}
