/** The map's values as a table (its accessible equivalent), sortable by place or value. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureMark } from '../../../core/figure-marks';
import { FigureMarks } from '../../components/FigureMarks';

export interface MapRow {
  code: string;
  name: string;
  value: number | null;
  text: string;
  /** The figure's flags (components/FigureMarks.tsx). */
  marks: FigureMark[];
  /** False when the place has no coordinates (or no positive value) to draw. */
  onMap: boolean;
}

type SortKey = 'name' | 'value';

export function MapTable({
  rows,
  caption,
  valueHeading,
  active,
  onActive,
}: {
  rows: readonly MapRow[];
  caption: string;
  valueHeading: string;
  active: string | null;
  onActive(code: string | null): void;
}) {
  const { t, i18n } = useTranslation('map');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'value', descending: true });
  const sorted = [...rows].sort((a, b) => {
    const order = sort.key === 'name' ? a.name.localeCompare(b.name, i18n.language) : (a.value ?? -Infinity) - (b.value ?? -Infinity);
    return sort.descending ? -order : order;
  });
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined);
  const toggle = (key: SortKey) => setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: key === 'value' }));
  const arrow = (key: SortKey) => (sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : '');

  return (
    <div className="table-wrap">
      <table data-testid="map-table" className="map-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('name')}>
              <button type="button" className="link" onClick={() => toggle('name')}>
                {t('place')}
                {arrow('name')}
              </button>
            </th>
            <th scope="col" className="num" aria-sort={ariaSort('value')}>
              <button type="button" className="link" onClick={() => toggle('value')}>
                {valueHeading}
                {arrow('value')}
              </button>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr
              key={r.code}
              data-place={r.code}
              className={r.code === active ? 'active' : undefined}
              onMouseEnter={() => onActive(r.onMap ? r.code : null)}
              onMouseLeave={() => onActive(null)}
            >
              <th scope="row">
                {r.name}
                {!r.onMap && <span className="muted map-off"> {t('notOnMap')}</span>}
              </th>
              <td className="num">
                {r.text}
                <FigureMarks marks={r.marks} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
