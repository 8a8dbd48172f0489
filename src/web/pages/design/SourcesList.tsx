/** The program's sources on the design page (an indicator's figures from one source are never mixed with another's). */
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../i18n/local-name';
import type { DesignSource } from './design-shape';

export function SourcesList({ sources }: { sources: DesignSource[] }) {
  const { t } = useTranslation('design');
  const name = useLocalName();
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('sourcesHeading')}</h2>
      {sources.length === 0 ? (
        <p>{t('noSources')}</p>
      ) : (
        <ul data-testid="sources">
          {sources.map((s) => (
            <li key={s.code}>
              <code>{s.code}</code> {name(s)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
