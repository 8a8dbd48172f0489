/** The choices above the grid: indicator, periods, place level, source, disaggregation, organisation. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicator, Organisation } from '../../api/types';
import { useLocalName } from '../../i18n/local-name';
import { useProgram } from '../../app/program';
import { useDimensionNames } from '../../app/dimension-names';
import { PERIOD_TYPES, type PeriodType } from './periods';
import { ownFirst } from './indicator-order';
import { useReportedIndicatorCodes } from './use-reported-indicators';

export interface Resolved {
  indicator: Indicator;
  type: PeriodType;
  from: number;
  to: number;
  level: number;
  source: string;
  disagg: string;
  organisation: string;
}

export type PickerChange = Partial<Record<'indicator' | 'type' | 'from' | 'to' | 'level' | 'source' | 'disagg' | 'organisation', string | undefined>>;

interface Props {
  indicators: readonly Indicator[];
  chosen: Resolved;
  levels: readonly number[];
  organisations: readonly Organisation[];
  /** Officers and admins choose the organisation; a partner always writes as its own. */
  ownOrganisation: Organisation | undefined;
  onChange(changes: PickerChange): void;
}

/** Every single-dimension option of an indicator ("substance=cocaine_base"), after the total (''). */
export function disaggOptions(indicator: Indicator): string[] {
  return Object.entries(indicator.dimensions).flatMap(([dim, options]) => options.map((o) => `${dim}=${o}`));
}

export function EntryPickers({ indicators, chosen, levels, organisations, ownOrganisation, onChange }: Props) {
  const { t } = useTranslation('entry');
  const name = useLocalName();
  const { indicator } = chosen;
  const options = disaggOptions(indicator);
  const { code: program } = useProgram();
  const names = useDimensionNames(program);
  const groups = ownFirst(indicators, useReportedIndicatorCodes(program));
  const option = (i: Indicator) => (
    <option key={i.code} value={i.code}>
      {name(i)} ({i.code})
    </option>
  );
  return (
    <form className="filters entry-pickers" aria-label={t('pickers')} onSubmit={(e) => e.preventDefault()} data-testid="entry-pickers">
      <label>
        {t('indicator')}
        <select
          value={indicator.code}
          onChange={(e) => onChange({ indicator: e.target.value, source: undefined, disagg: undefined, type: undefined, from: undefined, to: undefined })}
          data-testid="pick-indicator"
        >
          {groups.own.length > 0 ? (
            <>
              <optgroup label={t('ownIndicators')} data-testid="own-indicators">
                {groups.own.map(option)}
              </optgroup>
              <optgroup label={t('otherIndicators')}>{groups.others.map(option)}</optgroup>
            </>
          ) : (
            indicators.map(option)
          )}
        </select>
      </label>
      <label>
        {t('periodType')}
        <select value={chosen.type} onChange={(e) => onChange({ type: e.target.value })} data-testid="pick-type">
          {PERIOD_TYPES.map((p) => (
            <option key={p} value={p}>
              {t(`periodTypes.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <YearInput label={t('fromYear')} year={chosen.from} onYear={(y) => onChange({ from: y })} testId="pick-from" />
      <YearInput label={t('toYear')} year={chosen.to} onYear={(y) => onChange({ to: y })} testId="pick-to" />
      <label>
        {t('level')}
        <select value={chosen.level} onChange={(e) => onChange({ level: e.target.value })} data-testid="pick-level">
          {levels.map((l) => (
            <option key={l} value={l}>
              {t(`levels.${l}`, { defaultValue: t('levelN', { level: l }) })}
            </option>
          ))}
        </select>
      </label>
      {indicator.sources.length > 0 && (
        <label>
          {t('source')}
          <select value={chosen.source} onChange={(e) => onChange({ source: e.target.value })} data-testid="pick-source">
            {indicator.sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {options.length > 0 && (
        <label>
          {t('disagg')}
          <select value={chosen.disagg} onChange={(e) => onChange({ disagg: e.target.value })} data-testid="pick-disagg">
            <option value="">{t('total')}</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {names.disagg(o)}
              </option>
            ))}
          </select>
        </label>
      )}
      {ownOrganisation ? (
        <p className="own-organisation">
          <span className="muted">{t('common:organisation')}</span>
          <strong data-testid="own-organisation">{name(ownOrganisation)}</strong>
        </p>
      ) : (
        <label>
          {t('common:organisation')}
          <select value={chosen.organisation} onChange={(e) => onChange({ organisation: e.target.value })} data-testid="pick-organisation">
            {organisations.map((o) => (
              <option key={o.code} value={o.code}>
                {name(o).includes(o.code) ? name(o) : `${name(o)} (${o.code})`}
              </option>
            ))}
          </select>
        </label>
      )}
    </form>
  );
}

/** A year typed digit by digit: the choice changes once four digits make a year. */
function YearInput({ label, year, onYear, testId }: { label: string; year: number; onYear(year: string): void; testId: string }) {
  const [text, setText] = useState(String(year));
  useEffect(() => setText(String(year)), [year]);
  return (
    <label>
      {label}
      <input
        type="number"
        min={1900}
        max={2100}
        step={1}
        value={text}
        className="year"
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          if (/^(19|20|21)\d{2}$/.test(e.target.value)) onYear(e.target.value);
        }}
        onBlur={() => setText(String(year))}
      />
    </label>
  );
}
