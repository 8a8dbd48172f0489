/**
 * Officers' entry of a new data quality assessment: its date and assessor, the five standards
 * each rated met / partly met / not met with notes, the limitations found, and the actions
 * agreed with their owner and due date. The texts are recorded as written in the page's language.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import {
  DQA_RATINGS,
  DQA_RATING_LABELS,
  DQA_STANDARDS,
  DQA_STANDARD_LABELS,
  DQA_STANDARD_QUESTIONS,
  type DqaRating,
  type DqaStandard,
} from '../../../core/dqa';
import { ErrorNote } from '../admin/ErrorNote';
import { dqaKey, type DqaInput } from './use-indicator-data';

interface ActionDraft {
  text: string;
  owner: string;
  due: string;
}

const today = () => new Date().toISOString().slice(0, 10);

export function DqaForm({ program, indicator, assessor, onDone }: { program: string; indicator: string; assessor: string; onDone(): void }) {
  const { t, i18n } = useTranslation('indicator');
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const client = useQueryClient();
  const [date, setDate] = useState(today);
  const [who, setWho] = useState(assessor);
  const [ratings, setRatings] = useState<Record<DqaStandard, { rating: DqaRating; notes: string }>>(
    () => Object.fromEntries(DQA_STANDARDS.map((s) => [s, { rating: 'met', notes: '' }])) as Record<DqaStandard, { rating: DqaRating; notes: string }>,
  );
  const [limitations, setLimitations] = useState('');
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const save = useMutation({
    mutationFn: (body: DqaInput) => ok(api.POST('/api/programs/{program}/dqa', { params: { path: { program } }, body })),
    onSuccess: async () => {
      // The program's overdue list too, not only this indicator's assessments.
      await client.invalidateQueries({ queryKey: dqaKey(program, indicator).slice(0, 2) });
      onDone();
    },
  });
  const submit = () =>
    save.mutate({
      indicator,
      date,
      assessor_name: who.trim() || null,
      language: lang,
      standards: Object.fromEntries(
        DQA_STANDARDS.map((s) => [s, { rating: ratings[s].rating, notes: ratings[s].notes.trim() || null }]),
      ) as DqaInput['standards'],
      limitations: limitations.trim() || null,
      actions: actions.map((a) => ({ text: a.text, owner_name: a.owner.trim() || null, due_date: a.due })),
    });
  const setAction = (i: number, change: Partial<ActionDraft>) => setActions(actions.map((a, j) => (j === i ? { ...a, ...change } : a)));

  return (
    <form
      className="panel dqa-form"
      aria-labelledby="dqa-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id="dqa-form-heading">{t('dqa.new')}</h3>
      <div className="filters">
        <div className="field">
          <label htmlFor="dqa-date">{t('dqa.date')}</label>
          <input id="dqa-date" name="date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="dqa-assessor">{t('dqa.assessor')}</label>
          <input id="dqa-assessor" name="assessor" value={who} onChange={(e) => setWho(e.target.value)} />
        </div>
      </div>
      {DQA_STANDARDS.map((s) => (
        <fieldset key={s} className="dqa-standard">
          <legend>{DQA_STANDARD_LABELS[s][lang]}</legend>
          <p className="muted">{DQA_STANDARD_QUESTIONS[s][lang]}</p>
          <div role="radiogroup" aria-label={t('dqa.ratingOf', { standard: DQA_STANDARD_LABELS[s][lang] })} className="ratings">
            {DQA_RATINGS.map((r) => (
              <label key={r}>
                <input
                  type="radio"
                  name={`rating-${s}`}
                  value={r}
                  checked={ratings[s].rating === r}
                  onChange={() => setRatings({ ...ratings, [s]: { ...ratings[s], rating: r } })}
                />{' '}
                {DQA_RATING_LABELS[r][lang]}
              </label>
            ))}
          </div>
          <label htmlFor={`dqa-notes-${s}`}>{t('dqa.notesOf', { standard: DQA_STANDARD_LABELS[s][lang] })}</label>
          <textarea
            id={`dqa-notes-${s}`}
            rows={2}
            value={ratings[s].notes}
            onChange={(e) => setRatings({ ...ratings, [s]: { ...ratings[s], notes: e.target.value } })}
          />
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="dqa-limitations">{t('dqa.limitations')}</label>
        <textarea id="dqa-limitations" rows={3} value={limitations} onChange={(e) => setLimitations(e.target.value)} />
      </div>
      <fieldset>
        <legend>{t('dqa.actions')}</legend>
        {actions.map((a, i) => (
          <div key={i} className="filters dqa-action">
            <div className="field">
              <label htmlFor={`dqa-action-${i}`}>{t('dqa.actionText', { n: i + 1 })}</label>
              <input id={`dqa-action-${i}`} required value={a.text} onChange={(e) => setAction(i, { text: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`dqa-action-owner-${i}`}>{t('dqa.actionOwner', { n: i + 1 })}</label>
              <input id={`dqa-action-owner-${i}`} value={a.owner} onChange={(e) => setAction(i, { owner: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`dqa-action-due-${i}`}>{t('dqa.actionDue', { n: i + 1 })}</label>
              <input id={`dqa-action-due-${i}`} type="date" required value={a.due} onChange={(e) => setAction(i, { due: e.target.value })} />
            </div>
            <button type="button" onClick={() => setActions(actions.filter((_, j) => j !== i))}>
              {t('dqa.removeAction')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setActions([...actions, { text: '', owner: '', due: '' }])}>
          {t('dqa.addAction')}
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {t('dqa.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}
