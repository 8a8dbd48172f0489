/**
 * The report's HTML in a sandboxed frame (same origin, no scripts), with a notice while the
 * server makes it and the server's message when it refuses (its error comes back as JSON).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  src: string;
  title: string;
}

function errorMessage(frame: HTMLIFrameElement): string | null {
  const doc = frame.contentDocument;
  if (!doc || doc.contentType !== 'application/json') return null;
  const text = doc.body?.textContent ?? '';
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : text;
  } catch {
    return text;
  }
}

export function ReportPreview({ src, title }: Props) {
  const { t } = useTranslation('reports');
  const [loaded, setLoaded] = useState<{ src: string; error: string | null } | null>(null);
  const done = loaded?.src === src;
  return (
    <div className="report-preview" aria-busy={!done}>
      {done && loaded.error !== null && (
        <p role="alert" className="error">
          {t('failed', { message: loaded.error })}
        </p>
      )}
      <iframe
        key={src}
        src={src}
        title={title}
        sandbox="allow-same-origin"
        data-testid="report-preview"
        onLoad={(e) => setLoaded({ src, error: errorMessage(e.currentTarget) })}
      />
      {!done && (
        <p className="rendering" role="status" data-testid="report-rendering">
          {t('rendering')}
        </p>
      )}
    </div>
  );
}
