/** For system administrators: a program created from nothing (code, names, country, fiscal year start, currency), then shown. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programBody } from './design-form';
import { DesignForm } from './DesignForm';
import { useCreateProgram } from './use-design';

export function NewProgramForm({ onCreated }: { onCreated: (code: string) => void }) {
  const { t, i18n } = useTranslation('design');
  const [round, setRound] = useState(0);
  const create = useCreateProgram((code) => {
    setRound(round + 1);
    onCreated(code);
  });
  const month = (m: number) => new Date(2000, m - 1, 1).toLocaleDateString(i18n.language, { month: 'long' });
  return (
    <DesignForm
      key={round}
      id="new-program"
      title={t('newProgram')}
      fields={[
        { key: 'code', label: t('code'), hint: t('codeHint') },
        { key: 'name_en', label: t('nameEn') },
        { key: 'name_es', label: t('nameEs'), lang: 'es' },
        { key: 'country', label: t('country'), hint: t('countryHint') },
        {
          key: 'fiscal_year_start_month',
          label: t('fiscalStart'),
          type: 'select',
          options: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: month(i + 1) })),
        },
        { key: 'currency', label: t('currency'), hint: t('currencyHint') },
      ]}
      initial={{ code: '', name_en: '', name_es: '', country: '', fiscal_year_start_month: '1', currency: 'USD' }}
      submitLabel={t('newProgramButton')}
      busy={create.isPending}
      error={create.error}
      onSubmit={(v) => create.mutate(programBody(v))}
    />
  );
}
