/**
 * Adding or changing one validation rule: its code, kind (range, whole numbers, relation),
 * severity, and the fields of its kind. What the server refuses is said beside the field it
 * names; anything else under the form.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Indicator } from '../../api/types';
import { useLocalName } from '../../i18n/local-name';
import { FormPanel } from '../admin/FormPanel';
import { FieldProblem } from './FieldProblem';
import { FORM_KINDS, emptyForm, problemsByField, ruleOfForm, type FormField, type FormKind, type RuleForm as Form, type RuleInput } from './rule-form';
import { useSaveRule } from './use-rules';

interface Props {
  program: string;
  indicators: Indicator[];
  levels: readonly number[];
  /** The rule being changed, or undefined to add one. */
  editing?: { code: string; form: Form } | undefined;
  onSaved: (rule: RuleInput) => void;
  onCancel?: (() => void) | undefined;
}

export function RuleForm({ program, indicators, levels, editing, onSaved, onCancel }: Props) {
  const { t } = useTranslation('rules');
  const name = useLocalName();
  const [form, setForm] = useState<Form>(() => editing?.form ?? emptyForm(indicators[0]?.code));
  const [notNumbers, setNotNumbers] = useState<FormField[]>([]);
  const save = useSaveRule(program, (rule) => {
    if (!editing) setForm(emptyForm(indicators[0]?.code));
    onSaved(rule);
  });
  const id = editing ? 'edit-rule' : 'add-rule';
  const server = save.error instanceof ApiError ? problemsByField(save.error.details) : { byField: {}, other: [] };
  const byField: Partial<Record<FormField, string[]>> = { ...server.byField };
  for (const f of notNumbers) byField[f] = [t('notNumber')];
  const fieldProblems = Object.keys(server.byField).length > 0;
  const indicator = form.indicator || indicators[0]?.code || '';

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  /** A labelled control with its problem beside it. */
  const field = (k: FormField, label: ReactNode, control: (a: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode) => {
    const problemId = `${id}-${k}-problem`;
    const bad = (byField[k]?.length ?? 0) > 0;
    return (
      <div className="field">
        <label htmlFor={`${id}-${k}`}>{label}</label>
        {control({ id: `${id}-${k}`, 'aria-invalid': bad, ...(bad ? { 'aria-describedby': problemId } : {}) })}
        <FieldProblem id={problemId} problems={byField[k]} />
      </div>
    );
  };
  const submit = () => {
    const made = ruleOfForm({ ...form, indicator });
    if ('notNumbers' in made) {
      setNotNumbers(made.notNumbers);
      save.reset();
      return;
    }
    setNotNumbers([]);
    save.mutate({ code: editing?.code, body: made.rule });
  };

  return (
    <FormPanel
      id={id}
      title={editing ? t('edit', { code: editing.code }) : t('add')}
      formTestId={`${id}-form`}
      noValidate
      onSubmit={submit}
      submitLabel={editing ? t('saveButton') : t('addButton')}
      busy={save.isPending}
      onCancel={onCancel}
      error={fieldProblems && server.other.length === 0 ? null : save.error}
    >
      {field('code', t('code'), (a) => (
        <input {...a} name="code" required maxLength={64} value={form.code} onChange={set('code')} placeholder={t('codeHint')} />
      ))}
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('kind')}</label>
        <select id={`${id}-kind`} name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as FormKind })}>
          {FORM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {field('severity', t('severity'), (a) => (
        <select {...a} name="severity" value={form.severity} onChange={set('severity')}>
          <option value="error">{t('severities.error')}</option>
          <option value="warning">{t('severities.warning')}</option>
        </select>
      ))}
      {form.kind !== 'relation' &&
        field('indicator', t('indicator'), (a) => (
          <select {...a} name="indicator" value={indicator} onChange={set('indicator')}>
            {indicators.map((i) => (
              <option key={i.code} value={i.code}>
                {name(i)} ({i.code})
              </option>
            ))}
          </select>
        ))}
      {form.kind === 'range' && (
        <>
          {field('min', t('min'), (a) => (
            <input {...a} name="min" inputMode="decimal" size={10} value={form.min} onChange={set('min')} />
          ))}
          {field('max', t('max'), (a) => (
            <input {...a} name="max" inputMode="decimal" size={10} value={form.max} onChange={set('max')} />
          ))}
          {field('level', t('level'), (a) => (
            <select {...a} name="level" value={form.level} onChange={set('level')}>
              <option value="">{t('allLevels')}</option>
              {levels.map((l) => (
                <option key={l} value={String(l)}>
                  {t(`entry:levels.${l}`, { defaultValue: String(l) })}
                </option>
              ))}
            </select>
          ))}
        </>
      )}
      {form.kind === 'relation' &&
        field(
          'relation',
          <>
            {t('relation')} <span className="hint">({t('relationHint')})</span>
          </>,
          (a) => <input {...a} name="relation" className="relation-input" maxLength={1000} value={form.relation} onChange={set('relation')} />,
        )}
      {field('name_en', t('nameEn'), (a) => (
        <input {...a} name="name_en" maxLength={300} value={form.name_en} onChange={set('name_en')} />
      ))}
      {field('name_es', t('nameEs'), (a) => (
        <input {...a} name="name_es" maxLength={300} value={form.name_es} onChange={set('name_es')} lang="es" />
      ))}
    </FormPanel>
  );
}
