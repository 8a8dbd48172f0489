/**
 * The validation-rules page (officers and administrators): the program's rules, a form to add
 * one, the same form to change one, and delete once confirmed. The server authorizes and audits
 * each change; this page only shows who may try.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHelp } from '../../components/PageHelp';
import { QueryState } from '../../components/QueryState';
import { useProgram } from '../../app/program';
import { useIndicators, usePlaces } from '../../app/queries';
import { ConfirmPanel } from '../admin/ConfirmPanel';
import { ErrorNote } from '../admin/ErrorNote';
import { formOf } from './rule-form';
import { RuleForm } from './RuleForm';
import { RulesTable } from './RulesTable';
import { useDeleteRule, useRules, type StoredRule } from './use-rules';
import '../admin/admin.css';
import './rules.css';

export default function RulesPage() {
  const { t } = useTranslation('rules');
  const { code: program } = useProgram();
  const rules = useRules(program);
  const indicators = useIndicators(program);
  const places = usePlaces(program);
  const [editing, setEditing] = useState<StoredRule | null>(null);
  const [deleting, setDeleting] = useState<StoredRule | null>(null);
  const [done, setDone] = useState('');
  const remove = useDeleteRule(program, (code) => {
    setDeleting(null);
    setDone(t('deleted', { code }));
  });
  const levels = [...new Set((places.data ?? []).map((p) => p.level))].sort((a, b) => a - b);
  const list = rules.data ?? [];
  const indicatorList = indicators.data ?? [];

  return (
    <div className="admin-page rules-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="rules" />
      <p role="status" className="ok" data-testid="rules-done">
        {done}
      </p>
      <section className="panel" aria-labelledby="rules-list-heading">
        <h2 id="rules-list-heading">{t('listHeading')}</h2>
        <QueryState pending={rules.isPending || indicators.isPending} error={rules.error ?? indicators.error}>
          {list.length === 0 ? (
            <p data-testid="no-rules">{t('none')}</p>
          ) : (
            <RulesTable
              rules={list}
              indicators={indicatorList}
              onEdit={(r) => {
                setDeleting(null);
                setEditing(r);
                setDone('');
              }}
              onDelete={(r) => {
                setEditing(null);
                remove.reset();
                setDeleting(r);
                setDone('');
              }}
            />
          )}
          {list.some((r) => r.kind === 'outlier') && <p className="muted">{t('outlierNote')}</p>}
        </QueryState>
      </section>
      {deleting && (
        <ConfirmPanel
          testId="confirm-delete-rule"
          question={t('confirmDelete', { code: deleting.code })}
          confirmLabel={t('delete')}
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting.code)}
          onCancel={() => setDeleting(null)}
        >
          <ErrorNote error={remove.error} />
        </ConfirmPanel>
      )}
      {editing && indicators.data && (
        <RuleForm
          key={editing.code}
          program={program}
          indicators={indicatorList}
          levels={levels}
          editing={{ code: editing.code, form: formOf(editing) }}
          onSaved={(r) => {
            setEditing(null);
            setDone(t('saved', { code: r.code }));
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {indicators.data && <RuleForm program={program} indicators={indicatorList} levels={levels} onSaved={(r) => setDone(t('added', { code: r.code }))} />}
    </div>
  );
}
