/**
 * The indicators on the design page: a table (code, name, unit, component, dimensions, origin
 * or formula, retired), retire or restore each, and a form adding one (code, names, unit,
 * component, dimensions, an optional formula).
 */
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../i18n/local-name';
import { ErrorNote } from '../admin/ErrorNote';
import { indicatorBody, indicatorItemOf, text } from './design-form';
import { bilingual, type ProgramDesign } from './design-shape';
import { DesignForm } from './DesignForm';
import { RetiredMark } from './RetiredMark';
import { RowActions } from './RowActions';
import { useSectionWrites } from './use-design';

interface Props {
  program: string;
  design: ProgramDesign;
  onSaved: (code: string) => void;
}

export function IndicatorsSection({ program, design, onSaved }: Props) {
  const { t } = useTranslation('design');
  const name = useLocalName();
  const { add, round, change } = useSectionWrites<never>(program, onSaved);
  const components = design.framework.filter((n) => n.kind === 'component' && !n.retired);
  const dimensions = design.dimensions.filter((d) => !d.retired);
  const dimensionName = (code: string) => {
    const d = design.dimensions.find((x) => x.code === code);
    return d ? name(bilingual(d.name)) : code;
  };

  return (
    <section className="panel" aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">{t('indicatorsHeading')}</h2>
      {design.indicators.length === 0 ? (
        <p>{t('noIndicators')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="design-indicators-caption">
          <table data-testid="design-indicators">
            <caption id="design-indicators-caption">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('unit')}</th>
                <th scope="col">{t('componentOf')}</th>
                <th scope="col">{t('dimensions')}</th>
                <th scope="col">{t('origin')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {design.indicators.map((i) => (
                <tr key={i.code} data-testid={`indicator-${i.code}`}>
                  <th scope="row">
                    <code>{i.code}</code>
                  </th>
                  <td>
                    {name(bilingual(i.name))} <RetiredMark retired={i.retired} />
                  </td>
                  <td>{i.unit}</td>
                  <td>{i.component ?? '—'}</td>
                  <td>{i.dimensions.map(dimensionName).join(', ') || '—'}</td>
                  <td>{i.formula ? <code>{i.formula}</code> : t(`origins.${i.origin}`, { defaultValue: i.origin })}</td>
                  <td>
                    <RowActions
                      code={i.code}
                      retired={i.retired}
                      busy={change.isPending}
                      onRetire={(retired) => change.mutate({ part: 'indicators', code: i.code, body: { ...indicatorItemOf(i), retired } })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNote error={change.error} />
      <DesignForm
        key={round}
        id="add-indicator"
        title={t('addIndicator')}
        fields={[
          { key: 'code', label: t('code'), hint: t('codeHint') },
          { key: 'name_en', label: t('nameEn') },
          { key: 'name_es', label: t('nameEs'), lang: 'es' },
          { key: 'unit', label: t('unit'), hint: t('unitHint') },
          { key: 'component', label: t('componentOf'), type: 'select', options: components.map((c) => ({ value: c.code, label: `${name(c)} (${c.code})` })) },
          {
            key: 'direction',
            label: t('direction'),
            type: 'select',
            options: (['up', 'down'] as const).map((d) => ({ value: d, label: t(`directions.${d}`) })),
          },
          {
            key: 'agg_time',
            label: t('aggTime'),
            type: 'select',
            options: (['sum', 'latest', 'average'] as const).map((a) => ({ value: a, label: t(`aggTimes.${a}`) })),
          },
          { key: 'dimensions', label: t('dimensions'), type: 'checks', options: dimensions.map((d) => ({ value: d.code, label: name(bilingual(d.name)) })) },
          { key: 'formula', label: t('formula'), hint: t('formulaHint') },
        ]}
        initial={{
          code: '',
          name_en: '',
          name_es: '',
          unit: '',
          component: components.at(-1)?.code ?? '',
          direction: 'up',
          agg_time: 'sum',
          dimensions: [],
          formula: '',
        }}
        submitLabel={t('addIndicatorButton')}
        busy={add.isPending}
        error={add.error}
        onSubmit={(v) => add.mutate({ part: 'indicators', code: text(v, 'code'), body: indicatorBody(v) })}
      />
    </section>
  );
}
