/** After a partner submits a period: the values in it with open warnings, which the officer will check, each with its discussion. */
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { useIndicators } from '../../app/queries';
import { useLocalName } from '../../i18n/local-name';
import { useFlagText, openFlags } from '../../components/value-flags';
import { usePeriodLabel } from '../../i18n/period-label';
import { useFormat } from '../../i18n/format';
import { useSubmissionValues } from './use-submissions';
import { FlagDiscussion } from './FlagDiscussion';

export function SubmittedWarnings({ id }: { id: number }) {
  const { t } = useTranslation('approvals');
  const flagText = useFlagText();
  const periodLabel = usePeriodLabel();
  const fmt = useFormat();
  const values = useSubmissionValues(id);
  const { code } = useProgram();
  const indicators = useIndicators(code);
  const localName = useLocalName();
  const indicatorName = (c: string) => {
    const i = indicators.data?.find((x) => x.code === c);
    return i ? `${localName(i)} (${c})` : c;
  };
  const warned = (values.data?.values ?? []).filter((v) => openFlags(v.flags).length > 0);
  if (warned.length === 0) return null;
  return (
    <div className="submitted-warnings" data-testid="submitted-warnings">
      <p>{t('submittedWarnings', { count: warned.length })}</p>
      <ul>
        {warned.map((v) => (
          <li key={v.id}>
            {indicatorName(v.indicator)} · {v.place_name || v.place} · {periodLabel(v.period)} · {fmt.number(v.value, 3)}:{' '}
            {openFlags(v.flags)
              .map((f) => flagText(f))
              .join('; ')}
            {openFlags(v.flags).map((f) => (
              <FlagDiscussion key={f.id} flagId={f.id} />
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
