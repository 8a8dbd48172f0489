/** The columns every record has whatever its type: its reference, its status (officers choose it) and a note. */
import { useTranslation } from 'react-i18next';
import { STATUSES, isStatus, type RecordStatus } from './records-data';

interface Props {
  refText: string;
  setRef(ref: string): void;
  refError: string | undefined;
  mayChooseStatus: boolean;
  status: RecordStatus;
  setStatus(status: RecordStatus): void;
  note: string;
  setNote(note: string): void;
}

export function RecordColumns({ refText, setRef, refError, mayChooseStatus, status, setStatus, note, setNote }: Props) {
  const { t } = useTranslation('records');
  return (
    <fieldset className="record-columns">
      <legend>{t('recordColumns')}</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="rf-ref">{t('ref')}</label>
          <input id="rf-ref" name="ref" type="text" maxLength={200} value={refText} onChange={(e) => setRef(e.target.value)} aria-describedby="rf-ref-help" />
          <span id="rf-ref-help" className="help muted">
            {t('refHelp')}
          </span>
          {refError && <span className="field-error error">{refError}</span>}
        </div>
        {mayChooseStatus ? (
          <div className="field">
            <label htmlFor="rf-status">{t('status')}</label>
            <select id="rf-status" name="status" value={status} onChange={(e) => isStatus(e.target.value) && setStatus(e.target.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="muted">{t('statusHelp')}</p>
        )}
        <div className="field field-note">
          <label htmlFor="rf-note">{t('note')}</label>
          <textarea id="rf-note" name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
    </fieldset>
  );
}
