/** The grid: one row per place, one column per period, one decimal input per cell. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { cellText, checkCell, type CellRules } from './cell-rules';
import { cellKey, isChanged, type CellNote, type CellValue, type Edit } from './changes';

export interface GridPlace {
  code: string;
  name: string;
}

interface Props {
  places: readonly GridPlace[];
  periods: readonly string[];
  periodLabel(period: string): string;
  stored: ReadonlyMap<string, CellValue>;
  edits: Readonly<Record<string, Edit>>;
  rules: CellRules;
  /** Why a stored value cannot be changed here (approved, awaiting review), or undefined. */
  lockOf(value: CellValue | undefined): string | undefined;
  conflicts: ReadonlySet<string>;
  /** Warnings and refusals by validation rules, in words, by cell. */
  notes: ReadonlyMap<string, CellNote[]>;
  onEdit(key: string, text: string): void;
}

export function EntryGrid({ places, periods, periodLabel, stored, edits, rules, lockOf, conflicts, notes, onEdit }: Props) {
  const { t } = useTranslation('entry');
  return (
    <div className="table-wrap entry-grid-wrap">
      <table className="entry-grid" data-testid="entry-grid">
        <caption className="visually-hidden">{t('gridCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('place')}</th>
            {periods.map((p) => (
              <th scope="col" key={p} className="num">
                {periodLabel(p)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {places.map((place) => (
            <tr key={place.code}>
              <th scope="row">{place.name}</th>
              {periods.map((period) => {
                const key = cellKey(place.code, period);
                const value = stored.get(key);
                return (
                  <Cell
                    key={period}
                    id={`cell-${place.code}-${period}`.replace(/[^A-Za-z0-9_-]/g, '_')}
                    cellId={key}
                    label={`${place.name} ${periodLabel(period)}`}
                    stored={value}
                    edit={edits[key]}
                    rules={rules}
                    lock={lockOf(value)}
                    conflict={conflicts.has(key)}
                    notes={notes.get(key)}
                    onEdit={onEdit}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface CellProps {
  id: string;
  cellId: string;
  label: string;
  stored: CellValue | undefined;
  edit: Edit | undefined;
  rules: CellRules;
  lock: string | undefined;
  conflict: boolean;
  notes: CellNote[] | undefined;
  onEdit(key: string, text: string): void;
}

const Cell = memo(function Cell({ id, cellId, label, stored, edit, rules, lock, conflict, notes, onEdit }: CellProps) {
  const { t } = useTranslation('entry');
  const text = edit ? edit.text : cellText(stored?.value);
  const check = checkCell(text, rules);
  const changed = isChanged(edit, stored, rules);
  const warned = notes !== undefined && notes.length > 0;
  const classes = ['cell', changed ? 'changed' : '', !check.ok ? 'invalid' : '', lock ? 'locked' : '', conflict ? 'conflict' : '', warned ? 'warned' : '']
    .filter(Boolean)
    .join(' ');
  const describedBy = [!check.ok ? `${id}-error` : '', lock ? `${id}-lock` : '', warned ? `${id}-notes` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <td className={classes} data-status={stored?.status ?? 'empty'} data-changed={changed || undefined}>
      <div className="cell-box">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          aria-label={label}
          value={text}
          readOnly={lock !== undefined}
          title={
            lock ??
            (stored ? `${t(`status.${stored.status}`, { defaultValue: stored.status })}${stored.organisation ? ` · ${stored.organisation}` : ''}` : undefined)
          }
          aria-invalid={!check.ok || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onEdit(cellId, e.target.value)}
        />
        {lock && (
          <span className="lock" id={`${id}-lock`} role="img" aria-label={lock} title={lock} data-testid="lock">
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
            </svg>
          </span>
        )}
      </div>
      {!check.ok && (
        <span className="cell-error" id={`${id}-error`}>
          {t(check.problem === 'decimals' && rules.decimals === 0 ? 'problems.whole' : `problems.${check.problem}`, { count: rules.decimals })}
        </span>
      )}
      {warned && (
        <span className="cell-notes" id={`${id}-notes`} data-testid="cell-notes">
          {notes.map((n) => (
            <span key={n.text} className={`cell-note ${n.severity}`} data-severity={n.severity}>
              <span aria-hidden="true">{n.severity === 'error' ? '✖ ' : '⚠ '}</span>
              {n.text}
            </span>
          ))}
        </span>
      )}
    </td>
  );
});
