/** A thing of the design that is retired: said in words beside its name (its data is kept). */
import { useTranslation } from 'react-i18next';

export function RetiredMark({ retired }: { retired: boolean }) {
  const { t } = useTranslation('design');
  return retired ? (
    <span className="retired-mark" data-testid="retired">
      ({t('retired')})
    </span>
  ) : null;
}
