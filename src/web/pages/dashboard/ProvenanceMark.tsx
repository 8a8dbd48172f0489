/** A small mark on a derived (†) or illustrative (*) figure, explained by the legend. */
import { useTranslation } from 'react-i18next';
import { marks, type Provenance } from './dashboard-stats';

const SYMBOL: Record<string, string> = { derived: '†', illustrative: '*' };

export function ProvenanceMark({ provenance }: { provenance: readonly Provenance[] }) {
  const { t } = useTranslation();
  const flagged = marks(provenance);
  if (flagged.length === 0) return null;
  return (
    <span className="provenance-mark" data-testid="provenance-mark" data-provenance={flagged.join(' ')}>
      {flagged.map((p) => (
        <abbr key={p} title={t(`provenance.${p}`)}>
          <span aria-hidden="true">{SYMBOL[p]}</span>
          <span className="visually-hidden"> ({t(`provenance.${p}`)})</span>
        </abbr>
      ))}
    </span>
  );
}

export function ProvenanceLegend() {
  const { t } = useTranslation('dashboard');
  return (
    <section className="provenance-legend" aria-labelledby="provenance-legend" data-testid="provenance-legend">
      <h2 id="provenance-legend">{t('legend')}</h2>
      <ul>
        <li>
          <span aria-hidden="true">{SYMBOL.derived}</span> {t('legendDerived')}
        </li>
        <li>
          <span aria-hidden="true">{SYMBOL.illustrative}</span> {t('legendIllustrative')}
        </li>
      </ul>
    </section>
  );
}
