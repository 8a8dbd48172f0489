/**
 * The warnings on one value of a submission, in words; an officer acknowledges each open one
 * with a comment saying why the value stands (POST /api/value-flags/{id}/acknowledge, audited),
 * since a submission with open warnings cannot be approved. Each warning has its discussion
 * between the value's organisation and the officers beside it.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { invalidateData } from '../../app/queries';
import { useFlagText, type ValueFlag } from '../../components/value-flags';
import { FlagDiscussion } from './FlagDiscussion';

interface Props {
  flags: readonly ValueFlag[];
  canAcknowledge: boolean;
  /** The value's name, for the form's label. */
  cell: string;
  onAcknowledged(): void;
}

export function ValueWarnings({ flags, canAcknowledge, cell, onAcknowledged }: Props) {
  const flagText = useFlagText();
  if (flags.length === 0) return <>—</>;
  return (
    <ul className="value-warnings">
      {flags.map((f) => (
        <li key={f.id} data-testid={`flag-${f.id}`} data-acknowledged={f.acknowledged}>
          <span aria-hidden="true">⚠ </span>
          <span id={`flag-text-${f.id}`}>{flagText(f)}</span>
          <FlagState flag={f} canAcknowledge={canAcknowledge} cell={cell} onAcknowledged={onAcknowledged} />
          <FlagDiscussion flagId={f.id} describedBy={`flag-text-${f.id}`} />
        </li>
      ))}
    </ul>
  );
}

function FlagState({ flag, canAcknowledge, cell, onAcknowledged }: Omit<Props, 'flags'> & { flag: ValueFlag }) {
  const { t } = useTranslation('approvals');
  const { t: tf } = useTranslation('common', { keyPrefix: 'flags' });
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const acknowledge = useMutation({
    mutationFn: () => ok(api.POST('/api/value-flags/{id}/acknowledge', { params: { path: { id: flag.id } }, body: { comment: comment.trim() } })),
    onSuccess: async () => {
      onAcknowledged();
      await invalidateData(queryClient);
    },
  });
  if (flag.acknowledged) return <span className="ok acknowledged"> · {tf('acknowledged', { comment: flag.comment ?? '' })}</span>;
  if (!canAcknowledge) return null;
  if (!open)
    return (
      <button type="button" className="secondary small" aria-describedby={`flag-text-${flag.id}`} onClick={() => setOpen(true)} data-testid="acknowledge">
        {t('acknowledge')}
      </button>
    );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (comment.trim()) acknowledge.mutate();
  };
  return (
    <form className="acknowledge-form" onSubmit={onSubmit} aria-label={t('acknowledgeLabel', { cell })}>
      <label>
        {t('acknowledgeComment')}
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} required autoFocus data-testid="acknowledge-comment" />
      </label>
      <button type="submit" disabled={acknowledge.isPending} data-testid="acknowledge-send">
        {t('acknowledgeButton')}
      </button>
      {acknowledge.error && (
        <span role="alert" className="error">
          {t('common:error', { message: acknowledge.error.message })}
        </span>
      )}
    </form>
  );
}
