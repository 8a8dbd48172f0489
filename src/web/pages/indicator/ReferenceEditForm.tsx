/**
 * Officers' and administrators' change of one reference field (its English and Spanish text,
 * the responsible person's name, or the unit), with the reason the server requires. The
 * server's answer replaces the sheet shown; a refusal lists the fields it names.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { REFERENCE_TEXT_FIELDS, type ReferenceTextField } from '../../../core/reference-sheet';
import { ErrorNote } from '../admin/ErrorNote';
import { sheetKey, type ReferenceChange, type ReferenceSheet } from './use-indicator-data';

const FIELDS = [...REFERENCE_TEXT_FIELDS, 'responsible_person', 'unit'] as const;
type EditableField = (typeof FIELDS)[number];

const isText = (f: EditableField): f is ReferenceTextField => (REFERENCE_TEXT_FIELDS as readonly string[]).includes(f);

/** The values a field starts from in the form: its texts, or its one value in `en`. */
function initial(sheet: ReferenceSheet, field: EditableField): { en: string; es: string } {
  if (isText(field)) return { en: sheet.reference[field]?.en ?? '', es: sheet.reference[field]?.es ?? '' };
  if (field === 'unit') return { en: sheet.unit, es: '' };
  const p = sheet.reference.responsible_person;
  return { en: p && 'name' in p ? p.name : (sheet.responsible_user_name ?? ''), es: '' };
}

/** The PATCH body of a field's new values: an empty text clears the field. */
function change(field: EditableField, en: string, es: string, reason: string): ReferenceChange {
  if (isText(field)) return { [field]: en.trim() === '' && es.trim() === '' ? null : { en, es }, reason };
  if (field === 'unit') return { unit: en, reason };
  return { responsible_person: en.trim() === '' ? null : { name: en.trim() }, reason };
}

export function ReferenceEditForm({ program, sheet, onDone }: { program: string; sheet: ReferenceSheet; onDone(): void }) {
  const { t } = useTranslation('indicator');
  const client = useQueryClient();
  const [field, setField] = useState<EditableField>('definition');
  const [values, setValues] = useState(() => initial(sheet, 'definition'));
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState('');
  const save = useMutation({
    mutationFn: (body: ReferenceChange) =>
      ok(api.PATCH('/api/programs/{program}/indicators/{indicator}/reference', { params: { path: { program, indicator: sheet.indicator } }, body })),
    onSuccess: (next) => {
      client.setQueryData(sheetKey(program, sheet.indicator), next);
      void client.invalidateQueries({ queryKey: ['indicators', 'reference-completeness', program] });
      setSaved(t('edit.saved', { field: t(`fields.${field}`) }));
      setReason('');
    },
  });
  const choose = (f: EditableField) => {
    setField(f);
    setValues(initial(sheet, f));
    setSaved('');
    save.reset();
  };

  return (
    <form
      className="panel reference-edit"
      aria-labelledby="reference-edit-heading"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved('');
        save.mutate(change(field, values.en, values.es, reason));
      }}
    >
      <h3 id="reference-edit-heading">{t('edit.heading')}</h3>
      <div className="field">
        <label htmlFor="reference-field">{t('edit.field')}</label>
        <select id="reference-field" name="field" value={field} onChange={(e) => choose(e.target.value as EditableField)}>
          {FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(`fields.${f}`)}
            </option>
          ))}
        </select>
      </div>
      {isText(field) ? (
        <>
          <div className="field">
            <label htmlFor="reference-en">{t('edit.english')}</label>
            <textarea id="reference-en" name="en" lang="en" rows={4} value={values.en} onChange={(e) => setValues({ ...values, en: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="reference-es">{t('edit.spanish')}</label>
            <textarea id="reference-es" name="es" lang="es" rows={4} value={values.es} onChange={(e) => setValues({ ...values, es: e.target.value })} />
          </div>
        </>
      ) : (
        <div className="field">
          <label htmlFor="reference-value">{field === 'unit' ? t('fields.unit') : t('edit.personName')}</label>
          <input id="reference-value" name="value" value={values.en} onChange={(e) => setValues({ ...values, en: e.target.value })} />
        </div>
      )}
      <div className="field">
        <label htmlFor="reference-reason">{t('edit.reason')}</label>
        <input
          id="reference-reason"
          name="reason"
          required
          aria-describedby="reference-reason-help"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id="reference-reason-help" className="muted">
          {t('edit.reasonHelp')}
        </p>
      </div>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common:close')}
        </button>
      </div>
      <p role="status" className="saved">
        {saved}
      </p>
      <ErrorNote error={save.error} />
    </form>
  );
}
