/**
 * One form of the design page, described by its fields: text inputs, a select, a text area, or
 * check boxes. The server's 400/409 is said in words beside the field it names, anything else
 * under the form (FormPanel's ErrorNote).
 */
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { FormPanel } from '../admin/FormPanel';
import { FieldProblem } from '../rules/FieldProblem';
import { problemsByField, type FormValues } from './design-form';

export interface FieldSpec {
  key: string;
  label: string;
  type?: 'text' | 'select' | 'textarea' | 'checks';
  options?: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  lang?: 'es';
  /** Shown only while another field has this value (a component's goal). */
  when?: { key: string; value: string };
}

interface Props {
  id: string;
  title: string;
  fields: readonly FieldSpec[];
  initial: FormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: FormValues) => void;
  /** After a save: the form starts again from `initial`. */
  onCancel?: (() => void) | undefined;
}

export function DesignForm({ id, title, fields, initial, submitLabel, busy, error, onSubmit, onCancel }: Props) {
  const [typed, setValues] = useState<FormValues>(initial);
  // A select whose value is not (or no longer) among its options shows, and sends, its first option.
  const values: FormValues = { ...typed };
  for (const f of fields) {
    const v = typed[f.key];
    if (f.type === 'select' && f.options?.length && !f.options.some((o) => o.value === v)) values[f.key] = f.options[0]?.value ?? '';
  }
  const server =
    error instanceof ApiError
      ? problemsByField(
          error.details,
          fields.map((f) => f.key),
        )
      : { byField: {}, other: [] };
  const besideFields = Object.keys(server.byField).length > 0 && server.other.length === 0;
  const set = (key: string, value: string | string[]) => setValues({ ...typed, [key]: value });

  const control = (f: FieldSpec, a: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }): ReactNode => {
    const value = values[f.key];
    const str = typeof value === 'string' ? value : '';
    if (f.type === 'select')
      return (
        <select {...a} name={f.key} value={str} onChange={(e) => set(f.key, e.target.value)}>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    if (f.type === 'textarea') return <textarea {...a} name={f.key} rows={4} value={str} onChange={(e) => set(f.key, e.target.value)} />;
    return <input {...a} name={f.key} lang={f.lang} value={str} onChange={(e) => set(f.key, e.target.value)} />;
  };

  const field = (f: FieldSpec) => {
    const problemId = `${id}-${f.key}-problem`;
    const bad = (server.byField[f.key]?.length ?? 0) > 0;
    const described = bad ? { 'aria-describedby': problemId } : {};
    const label = (
      <>
        {f.label}
        {f.hint && <span className="hint"> ({f.hint})</span>}
      </>
    );
    if (f.type === 'checks') {
      const chosen = Array.isArray(values[f.key]) ? (values[f.key] as string[]) : [];
      return (
        <fieldset key={f.key} className="field checks" aria-invalid={bad} {...described}>
          <legend>{label}</legend>
          {(f.options ?? []).map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                name={f.key}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => set(f.key, e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />{' '}
              {o.label}
            </label>
          ))}
          <FieldProblem id={problemId} problems={server.byField[f.key]} />
        </fieldset>
      );
    }
    return (
      <div key={f.key} className="field">
        <label htmlFor={`${id}-${f.key}`}>{label}</label>
        {control(f, { id: `${id}-${f.key}`, 'aria-invalid': bad, ...described })}
        <FieldProblem id={problemId} problems={server.byField[f.key]} />
      </div>
    );
  };

  return (
    <FormPanel
      id={id}
      title={title}
      formTestId={`${id}-form`}
      noValidate
      onSubmit={() => onSubmit(values)}
      submitLabel={submitLabel}
      busy={busy}
      onCancel={onCancel}
      error={besideFields ? null : error}
    >
      {fields.filter((f) => !f.when || values[f.when.key] === f.when.value).map(field)}
    </FormPanel>
  );
}
