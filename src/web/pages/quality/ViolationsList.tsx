/**
 * The open rule violations and outliers of the data quality page: the warnings nobody has
 * acknowledged yet (GET .../value-flags?open=true), within the page's period and indicator
 * filters, each in words and linked to the data-entry grid where its value can be seen.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { usePlaces } from '../../app/queries';
import { Link } from '../../app/router';
import { QueryState } from '../../components/QueryState';
import { useFlagText } from '../../components/value-flags';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { usePeriodLabel } from '../../i18n/period-label';
import { entryLink, flagsWithin } from './violations';

interface Props {
  program: string;
  period: string;
  indicator: string;
  indicatorName(code: string): string;
}

export function ViolationsList({ program, period, indicator, indicatorName }: Props) {
  const { t } = useTranslation('quality');
  const flagText = useFlagText();
  const fmt = useFormat();
  const name = useLocalName();
  const periodLabel = usePeriodLabel();
  const places = usePlaces(program);
  const flags = useQuery({
    // Under 'values', so a write or an acknowledgement refreshes it.
    queryKey: ['values', program, 'open-flags'],
    queryFn: () => ok(api.GET('/api/programs/{program}/value-flags', { params: { path: { program }, query: { open: 'true' } } })),
    enabled: program !== '',
  });
  const shown = flagsWithin(flags.data?.flags ?? [], period, indicator);
  const place = (code: string) => places.data?.find((p) => p.code === code);
  return (
    <QueryState pending={flags.isPending} error={flags.error}>
      {shown.length === 0 ? (
        <p className="muted" data-testid="no-violations">
          {t('violations.none')}
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="violations-caption">
          <table data-testid="violations">
            <caption id="violations-caption">{t('violations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator')}</th>
                <th scope="col">{t('violations.place')}</th>
                <th scope="col">{t('period')}</th>
                <th scope="col" className="num">
                  {t('violations.value')}
                </th>
                <th scope="col">{t('violations.warning')}</th>
                <th scope="col">{t('violations.where')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => {
                const p = place(f.place);
                const cell = `${indicatorName(f.indicator)} · ${name(p) || f.place} · ${periodLabel(f.period)}`;
                return (
                  <tr key={f.id} data-testid={`violation-${f.indicator}-${f.place}-${f.period}`}>
                    <th scope="row">{indicatorName(f.indicator)}</th>
                    <td>{name(p) || f.place}</td>
                    <td>{periodLabel(f.period)}</td>
                    <td className="num">{fmt.number(f.value, 3)}</td>
                    <td>{flagText(f)}</td>
                    <td>
                      <Link to={entryLink(f, p?.level)}>
                        {t('violations.open')}
                        <span className="visually-hidden"> — {cell}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {flags.data?.truncated && <p className="muted">{t('violations.truncated', { count: flags.data.flags.length })}</p>}
    </QueryState>
  );
}
