/** The baselines and targets of one indicator, and the form that sets one. */
import { useTranslation } from 'react-i18next';
import type { Indicator, Place } from '../../api/types';
import { useDimensionNames } from '../../app/dimension-names';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { PROVENANCES, isOneOf } from '../../api/vocabularies';
import { AdminTable } from './AdminTable';
import { SetTargetForm } from './SetTargetForm';
import { withUnit } from '../../i18n/unit-label';

export function TargetsSection({ program, indicator, places }: { program: string; indicator: Indicator; places: Place[] }) {
  const { t } = useTranslation('admin');
  const f = useFormat();
  const name = useLocalName();
  const names = useDimensionNames(program);
  const placeName = new Map(places.map((p) => [p.code, p.name]));
  const rows = [...indicator.targets].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.period.localeCompare(b.period) || a.place.localeCompare(b.place) || a.source.localeCompare(b.source),
  );
  return (
    <section aria-labelledby="targets-heading" data-testid="targets-section">
      <h2 id="targets-heading">{t('targets.heading', { name: name(indicator) })}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('targets.none')}</p>
      ) : (
        <AdminTable
          testId="targets-table"
          caption={t('targets.table', { code: indicator.code })}
          rows={rows}
          rowKey={(r) => `${r.kind}|${r.period}|${r.place}|${r.source}|${r.disagg}`}
          rowTestId={(r) => `target-row-${r.kind}-${r.period}-${r.place}`}
          columns={[
            { head: t('targets.kind'), cell: (r) => t(`targets.kinds.${r.kind}`) },
            { head: t('targets.period'), rowHeader: true, cell: (r) => r.period },
            { head: t('targets.place'), cell: (r) => `${placeName.get(r.place) ?? r.place} (${r.place})` },
            { head: t('targets.source'), cell: (r) => r.source },
            { head: t('targets.disagg'), cell: (r) => names.disagg(r.disagg) },
            { head: t('targets.value'), num: true, cell: (r) => withUnit(f.number(r.value, 2), r.value, indicator.unit, f.language) },
            { head: t('targets.provenance'), cell: (r) => (isOneOf(PROVENANCES, r.provenance) ? t(`common:provenance.${r.provenance}`) : r.provenance) },
            { head: t('targets.note'), cell: (r) => r.note ?? '' },
          ]}
        />
      )}
      <SetTargetForm program={program} indicator={indicator} places={places} />
    </section>
  );
}
