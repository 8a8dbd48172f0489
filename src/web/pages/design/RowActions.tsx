/** Rename, move up or down, and retire (or restore) one thing of the design; each button names the thing for screen readers. */
import { useTranslation } from 'react-i18next';

interface Props {
  code: string;
  retired: boolean;
  busy: boolean;
  onRename?: () => void;
  onRetire: (retired: boolean) => void;
  /** Moves it one place among its siblings; a direction left out cannot be taken. */
  onMove?: { up?: (() => void) | undefined; down?: (() => void) | undefined };
}

export function RowActions({ code, retired, busy, onRename, onRetire, onMove }: Props) {
  const { t } = useTranslation('design');
  return (
    <span className="row-actions">
      {onRename && (
        <button type="button" className="secondary" onClick={onRename}>
          {t('rename')}
          <span className="visually-hidden"> {code}</span>
        </button>
      )}
      {onMove &&
        (['up', 'down'] as const).map((way) => (
          <button key={way} type="button" className="secondary" disabled={busy || !onMove[way]} onClick={onMove[way]}>
            {t(way === 'up' ? 'moveUp' : 'moveDown')}
            <span className="visually-hidden"> {code}</span>
          </button>
        ))}
      <button type="button" className="secondary" disabled={busy} onClick={() => onRetire(!retired)}>
        {retired ? t('restore') : t('retire')}
        <span className="visually-hidden"> {code}</span>
      </button>
    </span>
  );
}
