/**
 * The discussion of one warning on a value, between the value's organisation and the officers,
 * beside the warning: a button opens the thread (only then is it fetched, so a long list of
 * warnings does not poll a thread each).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentThread } from './CommentThread';

export function FlagDiscussion({ flagId, describedBy }: { flagId: number; describedBy?: string }) {
  const { t } = useTranslation('approvals');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="flag-discussion" data-testid={`flag-discussion-${flagId}`}>
      <button
        type="button"
        className="link small"
        aria-expanded={open}
        aria-controls={panelId}
        aria-describedby={describedBy}
        onClick={() => setOpen(!open)}
        data-testid="flag-discussion-toggle"
      >
        {open ? t('flagDiscussion.close') : t('flagDiscussion.open')}
      </button>
      <div id={panelId} hidden={!open}>
        {open && <CommentThread thread={{ flagId }} title={t('flagDiscussion.title')} testIdPrefix="flag-" />}
      </div>
    </div>
  );
}
