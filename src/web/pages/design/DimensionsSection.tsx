/**
 * The dimensions on the design page, each with its options: an option is renamed or retired
 * (restored) in place — never deleted, so values split by it keep it — and a form adds a
 * dimension with its options.
 */
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../i18n/local-name';
import { ErrorNote } from '../admin/ErrorNote';
import { dimensionBody, text } from './design-form';
import { bilingual, type DesignDimension, type DesignOption, type Names } from './design-shape';
import { DesignForm } from './DesignForm';
import { RenameForm } from './RenameForm';
import { RetiredMark } from './RetiredMark';
import { RowActions } from './RowActions';
import { useSectionWrites } from './use-design';

interface Props {
  program: string;
  dimensions: DesignDimension[];
  onSaved: (code: string) => void;
}

export function DimensionsSection({ program, dimensions, onSaved }: Props) {
  const { t } = useTranslation('design');
  const name = useLocalName();
  const { add, round, change, renaming, rename } = useSectionWrites<{ dimension: DesignDimension; option: DesignOption }>(program, onSaved);
  /** Changes one option; the options left out are kept as they are. */
  const writeOption = (d: DesignDimension, o: DesignOption, changes: { name?: Names; retired?: boolean }) =>
    change.mutate({ part: 'dimensions', code: d.code, body: { name: d.name, options: [{ code: o.code, name: o.name, retired: o.retired, ...changes }] } });

  return (
    <section className="panel" aria-labelledby="dimensions-heading">
      <h2 id="dimensions-heading">{t('dimensionsHeading')}</h2>
      {dimensions.length === 0 ? (
        <p>{t('noDimensions')}</p>
      ) : (
        <ul className="design-tree" data-testid="dimensions">
          {dimensions.map((d) => (
            <li key={d.code} data-testid={`dimension-${d.code}`}>
              <code>{d.code}</code> {name(bilingual(d.name))} <RetiredMark retired={d.retired} />
              <ul>
                {d.options.map((o) => (
                  <li key={o.code}>
                    <span className="design-item" data-testid={`option-${d.code}-${o.code}`}>
                      <code>{o.code}</code> {name(bilingual(o.name))} <RetiredMark retired={o.retired} />
                      <RowActions
                        code={`${d.code} ${o.code}`}
                        retired={o.retired}
                        busy={change.isPending}
                        onRename={() => rename({ dimension: d, option: o })}
                        onRetire={(retired) => writeOption(d, o, { retired })}
                      />
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {!renaming && <ErrorNote error={change.error} />}
      {renaming && (
        <RenameForm
          key={`${renaming.dimension.code}-${renaming.option.code}`}
          id="rename-option"
          title={t('renameOption', { code: renaming.option.code })}
          names={renaming.option.name}
          busy={change.isPending}
          error={change.error}
          onSubmit={(name) => writeOption(renaming.dimension, renaming.option, { name })}
          onCancel={() => rename(null)}
        />
      )}
      <DesignForm
        key={round}
        id="add-dimension"
        title={t('addDimension')}
        fields={[
          { key: 'code', label: t('code'), hint: t('codeHint') },
          { key: 'name_en', label: t('nameEn') },
          { key: 'name_es', label: t('nameEs'), lang: 'es' },
          { key: 'options', label: t('options'), type: 'textarea', hint: t('optionsHint') },
        ]}
        initial={{ code: '', name_en: '', name_es: '', options: '' }}
        submitLabel={t('addDimensionButton')}
        busy={add.isPending}
        error={add.error}
        onSubmit={(v) => add.mutate({ part: 'dimensions', code: text(v, 'code'), body: dimensionBody(v) })}
      />
    </section>
  );
}
