/**
 * A discussion between an organisation's partners and the officers — on a submission, or on a
 * warning on one of its values: the comments, oldest first, and a form to add one. Comments are
 * never edited: a correction is a new comment.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import { useAddComment, useComments, type Thread } from './use-comments';

interface Props {
  thread: Thread;
  /** The heading (default: "Discussion"). */
  title?: string;
  /** Prefixes the test ids, so a warning's thread is told from the submission's on one page. */
  testIdPrefix?: string;
}

export function CommentThread({ thread, title, testIdPrefix = '' }: Props) {
  const { t } = useTranslation('approvals');
  const fmt = useFormat();
  const comments = useComments(thread);
  const add = useAddComment(thread);
  const [body, setBody] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const titleId = useId();
  const list = comments.data ?? [];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = body.trim();
    if (!text) {
      setMessage({ ok: false, text: t('commentRequired') });
      return;
    }
    add.mutate(text, {
      onSuccess: () => {
        setBody('');
        setMessage({ ok: true, text: t('discussion.posted') });
      },
      onError: (err) => setMessage({ ok: false, text: t('common:error', { message: err.message }) }),
    });
  };

  return (
    <section className="comment-thread" aria-labelledby={titleId} data-testid={`${testIdPrefix}comment-thread`}>
      <h4 id={titleId}>{title ?? t('discussion.title')}</h4>
      <QueryState pending={comments.isPending} error={comments.error}>
        {list.length === 0 ? (
          <p className="muted" data-testid={`${testIdPrefix}no-comments`}>
            {t('discussion.empty')}
          </p>
        ) : (
          <ol className="comments" aria-label={t('discussion.listLabel')}>
            {list.map((c) => (
              <li key={c.id} data-testid={`${testIdPrefix}comment`}>
                <p className="comment-meta">
                  <strong>{c.author ?? t('discussion.unknownAuthor')}</strong>
                  {c.author_organisation ? ` · ${c.author_organisation}` : ''}
                  {c.author_role ? ` · ${t(`common:roles.${c.author_role}`)}` : ''} · <time dateTime={c.created_at}>{fmt.dateTime(c.created_at)}</time>
                </p>
                <p className="comment-body">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      <form onSubmit={onSubmit} className="comment-form">
        <label>
          {t('discussion.label')}
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={4000} required data-testid={`${testIdPrefix}comment-body`} />
        </label>
        <p className="muted">{t('discussion.noEdit')}</p>
        <button type="submit" disabled={add.isPending} data-testid={`${testIdPrefix}post-comment`}>
          {t('discussion.post')}
        </button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'} data-testid={`${testIdPrefix}comment-message`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
