/**
 * The create / edit form of a record, generated from its type: one control per field the user
 * may see, checks as they type, the server's row-level errors beside their fields, and a clear
 * message (input kept) when someone else saved first.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRecord, Organisation, Place } from '../../api/types';
import { RecordColumns } from './RecordColumns';
import { RecordFields } from './RecordFields';
import { RecordFormActions } from './RecordFormActions';
import { RecordFormNotices } from './RecordFormNotices';
import { isStatus, useRecordWrites, type RecordStatus } from './records-data';
import { toPayload, type RecordType } from './field-rules';
import { useFieldState } from './use-field-state';
import { readRefusal, type Conflict } from './write-refusal';

export interface RecordFormProps {
  program: string;
  type: RecordType;
  /** The record to edit; null for a new one. */
  record: ApiRecord | null;
  /** Officers and admins choose the status; partners always write drafts. */
  mayChooseStatus: boolean;
  /** A partner's own organisation: preset and fixed in the organisation field. */
  ownOrganisation: string | null;
  places: readonly Place[];
  organisations: readonly Organisation[];
  onDone(message: string): void;
  onCancel(): void;
  onReload(): void;
}

export function RecordForm({ program, type, record, mayChooseStatus, ownOrganisation, places, organisations, onDone, onCancel, onReload }: RecordFormProps) {
  const { t, i18n } = useTranslation('records');
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const { create, update, remove } = useRecordWrites(program);
  const editing = record !== null;
  const refLabel = record ? (record.ref ?? `#${record.id}`) : '';
  const fields = useFieldState(type, record, ownOrganisation);
  const [ref, setRef] = useState(record?.ref ?? '');
  const [note, setNote] = useState(record?.note ?? '');
  const [status, setStatus] = useState<RecordStatus>(record && isStatus(record.status) ? record.status : 'draft');
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const busy = create.isPending || update.isPending || remove.isPending;

  const handleError = (err: unknown) => {
    const refusal = readRefusal(
      err,
      type.fields.map((f) => f.code),
      t,
    );
    if ('conflict' in refusal) return setConflict(refusal.conflict);
    if (refusal.byField) fields.setServerErrors(refusal.byField);
    setOtherErrors(refusal.other);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    fields.setSubmitted(true);
    setOtherErrors([]);
    if (fields.problems.size > 0) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const data = toPayload(type.fields, fields.values, editing);
    const common = { data, ref: ref.trim() || null, note: note.trim() || null, status: mayChooseStatus ? status : undefined };
    try {
      if (record) {
        const saved = await update.mutateAsync({ id: record.id, version: record.version, ...common });
        onDone(t('saved', { ref: saved.ref ?? `#${saved.id}` }));
      } else {
        const saved = await create.mutateAsync({ type: type.code, ...common });
        onDone(t('created', { ref: saved.ref ?? `#${saved.id}` }));
      }
    } catch (err) {
      handleError(err);
    }
  };

  /** True when deleted; false when refused (the refusal is shown). */
  const doDelete = async (): Promise<boolean> => {
    if (!record) return false;
    try {
      await remove.mutateAsync({ id: record.id, version: record.version });
      onDone(t('deleted', { ref: refLabel }));
      return true;
    } catch (err) {
      handleError(err);
      return false;
    }
  };

  const typeName = type.name[lang];
  const hiddenCount = type.hidden.length;

  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate data-testid="record-form" aria-labelledby="record-form-title">
      <h2 id="record-form-title">{editing ? t('formEdit', { type: typeName, ref: refLabel }) : t('formNew', { type: typeName })}</h2>
      {record && <p className="muted">{t('version', { version: record.version })}</p>}
      <p className="muted">{t('requiredNote')}</p>
      {hiddenCount > 0 && (
        <p className="hidden-note" data-testid="hidden-note">
          {t('hiddenNote', { count: hiddenCount })}
        </p>
      )}
      <RecordFormNotices conflict={conflict} onReload={onReload} shownProblems={fields.shownProblems} submitted={fields.submitted} otherErrors={otherErrors} />
      <RecordFields
        type={type}
        values={fields.values}
        setValue={fields.setValue}
        touch={fields.touch}
        errorFor={fields.errorFor}
        ownOrganisation={ownOrganisation}
        places={places}
        organisations={organisations}
      />
      <RecordColumns
        refText={ref}
        setRef={setRef}
        refError={fields.serverErrors.get('ref')}
        mayChooseStatus={mayChooseStatus}
        status={status}
        setStatus={setStatus}
        note={note}
        setNote={setNote}
      />
      <RecordFormActions busy={busy} locked={conflict?.kind === 'locked'} onCancel={onCancel} existing={record ? { refLabel, onDelete: doDelete } : null} />
    </form>
  );
}
