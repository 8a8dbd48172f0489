/**
 * The create / edit form of a record, generated from its type: one control per field the user
 * may see, checks as they type, the server's row-level errors beside their fields, and a clear
 * message (input kept) when someone else saved first.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { ApiRecord, Organisation, Place } from '../../api/types';
import { FieldControl, useFieldLabel } from './FieldControl';
import { ListFieldControl } from './ListFieldControl';
import { STATUSES, useRecordWrites, type RecordStatus } from './records-data';
import { checkForm, toFormState, toPayload, type FormState, type FormValue, type Problem, type RecordType } from './field-rules';

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

type Conflict = { kind: 'stale'; version: string } | { kind: 'locked' };

function isStatus(s: string): s is RecordStatus {
  return (STATUSES as readonly string[]).includes(s);
}

export function RecordForm({ program, type, record, mayChooseStatus, ownOrganisation, places, organisations, onDone, onCancel, onReload }: RecordFormProps) {
  const { t, i18n } = useTranslation('records');
  const fieldLabel = useFieldLabel();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const { create, update, remove } = useRecordWrites(program);
  const editing = record !== null;
  const refLabel = record ? (record.ref ?? `#${record.id}`) : '';

  const [values, setValues] = useState<FormState>(() => {
    const state = toFormState(type.fields, record?.data);
    if (ownOrganisation && type.organisation_field) state[type.organisation_field] = ownOrganisation;
    return state;
  });
  const [ref, setRef] = useState(record?.ref ?? '');
  const [note, setNote] = useState(record?.note ?? '');
  const [status, setStatus] = useState<RecordStatus>(record && isStatus(record.status) ? record.status : 'draft');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const problems = useMemo(() => checkForm(type.fields, values), [type.fields, values]);
  const problemText = (p: Problem) => {
    const other = p.params?.field === undefined ? undefined : type.fields.find((f) => f.code === p.params?.field);
    return t(`problems.${p.key}`, { ...p.params, field: other ? fieldLabel(other) : (p.params?.field ?? '') });
  };
  const errorFor = (key: string): string | null => {
    const server = serverErrors.get(key);
    if (server) return server;
    const p = problems.get(key);
    return p && (submitted || touched.has(key)) ? problemText(p) : null;
  };
  const touch = (key: string) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));
  const setValue = (code: string, v: FormValue) => {
    setValues((s) => ({ ...s, [code]: v }));
    touch(code);
    if ([...serverErrors.keys()].some((k) => k === code || k.startsWith(`${code}[`))) {
      setServerErrors((m) => new Map([...m].filter(([k]) => k !== code && !k.startsWith(`${code}[`))));
    }
  };

  const busy = create.isPending || update.isPending || remove.isPending;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setOtherErrors([]);
    if (problems.size > 0) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const data = toPayload(type.fields, values, editing);
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

  const handleError = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      setOtherErrors([err instanceof Error ? err.message : String(err)]);
      return;
    }
    if (err.kind === 'conflict') {
      const stale = err.details.find((d) => d.column === 'version');
      if (stale) setConflict({ kind: 'stale', version: stale.value === undefined ? '?' : String(stale.value) });
      else if (err.details.some((d) => d.column === 'status' && d.reason === 'locked')) setConflict({ kind: 'locked' });
      else setOtherErrors([t('serverRejected', { message: err.message })]);
      return;
    }
    const byField = new Map<string, string>();
    const other: string[] = [];
    const known = new Set(type.fields.map((f) => f.code));
    for (const d of err.details) {
      const head = d.column?.split(/[[.]/)[0];
      const reason = d.reason === 'required' ? t('problems.required') : d.reason;
      if (d.column && head && known.has(head)) byField.set(d.column, reason);
      else other.push(d.column ? `${d.column}: ${reason}` : reason);
    }
    setServerErrors(byField);
    setOtherErrors(other.length || byField.size ? other : [t('serverRejected', { message: err.message })]);
  };

  const doDelete = async () => {
    if (!record) return;
    try {
      await remove.mutateAsync({ id: record.id, version: record.version });
      onDone(t('deleted', { ref: refLabel }));
    } catch (err) {
      setConfirmDelete(false);
      handleError(err);
    }
  };

  const shownProblems = submitted ? problems.size + serverErrors.size : serverErrors.size;
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
      {conflict && (
        <div role="alert" className="conflict" data-testid="conflict">
          <p>{conflict.kind === 'stale' ? t('conflict', { version: conflict.version }) : t('conflictLocked')}</p>
          {conflict.kind === 'stale' && (
            <button type="button" className="secondary" onClick={onReload}>
              {t('reloadLatest')}
            </button>
          )}
        </div>
      )}
      {submitted && shownProblems > 0 && (
        <p role="alert" className="error" data-testid="form-problems">
          {t('fixErrors', { count: shownProblems })}
        </p>
      )}
      {otherErrors.length > 0 && (
        <div role="alert" className="error" data-testid="other-errors">
          <p>{t('otherProblems')}</p>
          <ul>
            {otherErrors.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}

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

      <fieldset className="record-columns">
        <legend>{t('recordColumns')}</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="rf-ref">{t('ref')}</label>
            <input id="rf-ref" name="ref" type="text" maxLength={200} value={ref} onChange={(e) => setRef(e.target.value)} aria-describedby="rf-ref-help" />
            <span id="rf-ref-help" className="help muted">
              {t('refHelp')}
            </span>
            {serverErrors.get('ref') && <span className="field-error error">{serverErrors.get('ref')}</span>}
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

      <div className="form-actions">
        <button type="submit" disabled={busy || conflict?.kind === 'locked'} data-testid="save-record">
          {busy ? t('saving') : t('saveRecord')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        {record && !confirmDelete && (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)} data-testid="delete-record">
            {t('delete')}
          </button>
        )}
      </div>
      {record && confirmDelete && (
        <div role="alertdialog" aria-labelledby="delete-confirm-text" className="confirm" data-testid="delete-confirm">
          <p id="delete-confirm-text">{t('deleteConfirm', { ref: refLabel })}</p>
          <button type="button" className="danger" onClick={() => void doDelete()} disabled={busy}>
            {t('deleteYes')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
            {t('common:cancel')}
          </button>
        </div>
      )}
    </form>
  );
}
