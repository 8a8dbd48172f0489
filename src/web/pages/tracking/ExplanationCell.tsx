/**
 * A row's deviation explanation: its text, marked when it is required (the actual misses the
 * target by more than 10 %) and missing; officers and administrators edit it in place
 * (PUT .../explanations/{indicator}, audited). Escape or Cancel leaves the text as it was.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { ErrorNote } from '../admin/ErrorNote';
import { trackingKey, type TrackingRow } from './use-tracking';

interface Props {
  program: string;
  fy: string;
  row: TrackingRow;
  /** The indicator's name, for the labels of the controls. */
  name: string;
  canEdit: boolean;
}

export function ExplanationCell({ program, fy, row, name, canEdit }: Props) {
  const { t } = useTranslation('tracking');
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  // After a save or a cancel, the keyboard goes back to the Edit button the reader left from.
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!editing && refocus) {
      editButton.current?.focus();
      setRefocus(false);
    }
  }, [editing, refocus]);
  const close = () => {
    setEditing(false);
    setRefocus(true);
  };
  const save = useMutation({
    mutationFn: (value: string) =>
      ok(
        api.PUT('/api/programs/{program}/tracking/{fy}/explanations/{indicator}', {
          params: { path: { program, fy, indicator: row.indicator } },
          body: { text: value },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: trackingKey(program) });
      close();
    },
  });
  const missing = row.explanation_required && !row.deviation_explanation;
  const id = `explanation-${row.indicator}`;

  if (editing)
    return (
      <td>
        <form
          className="explanation-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(text);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <label htmlFor={id} className="visually-hidden">
            {t('textOf', { indicator: name })}
          </label>
          <textarea id={id} name="explanation" rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          <div className="actions">
            <button type="submit" disabled={save.isPending}>
              {t('save')}
            </button>
            <button type="button" onClick={close}>
              {t('cancel')}
            </button>
          </div>
          <ErrorNote error={save.error} />
        </form>
      </td>
    );
  return (
    <td className={missing ? 'explanation missing' : 'explanation'} data-testid={`explanation-${row.indicator}`} data-missing={missing ? 'true' : 'false'}>
      {row.deviation_explanation ? <span>{row.deviation_explanation}</span> : missing ? <strong className="missing-mark">{t('missing')}</strong> : '—'}
      {row.explanation_required && row.deviation_explanation && <span className="visually-hidden"> ({t('required')})</span>}
      {canEdit && (
        <>
          {' '}
          <button
            ref={editButton}
            type="button"
            className="link"
            aria-label={t('editOf', { indicator: name })}
            onClick={() => {
              setText(row.deviation_explanation ?? '');
              save.reset();
              setEditing(true);
            }}
          >
            {t('edit')}
          </button>
        </>
      )}
    </td>
  );
}
