/** Renaming one thing of the design (a goal, a component, an option): its English and Spanish names. */
import { useTranslation } from 'react-i18next';
import { text } from './design-form';
import type { Names } from './design-shape';
import { DesignForm } from './DesignForm';

interface Props {
  id: string;
  title: string;
  names: Names;
  busy: boolean;
  error: unknown;
  onSubmit: (names: Names) => void;
  onCancel: () => void;
}

export function RenameForm({ id, title, names, busy, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('design');
  return (
    <DesignForm
      id={id}
      title={title}
      fields={[
        { key: 'name_en', label: t('nameEn') },
        { key: 'name_es', label: t('nameEs'), lang: 'es' },
      ]}
      initial={{ name_en: names.en, name_es: names.es }}
      submitLabel={t('save')}
      busy={busy}
      error={error}
      onSubmit={(v) => onSubmit({ en: text(v, 'name_en'), es: text(v, 'name_es') })}
      onCancel={onCancel}
    />
  );
}
