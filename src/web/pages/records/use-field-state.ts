/**
 * The values of a record form and what is wrong with them: the browser's checks as the user
 * types (shown once a field was left, or after a first submit), and the server's, which stay
 * beside a field until it is changed.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRecord } from '../../api/types';
import { useFieldLabel } from './FieldControl';
import { checkForm, toFormState, type FormState, type FormValue, type Problem, type RecordType } from './field-rules';

export function useFieldState(type: RecordType, record: ApiRecord | null, ownOrganisation: string | null) {
  const { t } = useTranslation('records');
  const fieldLabel = useFieldLabel();
  const [values, setValues] = useState<FormState>(() => {
    const state = toFormState(type.fields, record?.data);
    if (ownOrganisation && type.organisation_field) state[type.organisation_field] = ownOrganisation;
    return state;
  });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReadonlyMap<string, string>>(new Map());

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
  /** How many problems the form says it has: the browser's after a submit, and the server's. */
  const shownProblems = submitted ? problems.size + serverErrors.size : serverErrors.size;

  return { values, problems, submitted, setSubmitted, serverErrors, setServerErrors, errorFor, touch, setValue, shownProblems };
}
