/** Checkboxes of the places a zone may hold (every place below the root). */
import { useTranslation } from 'react-i18next';
import type { Place } from '../../api/types';

export function MemberChoices({ id, places, chosen, onChange }: { id: string; places: Place[]; chosen: Set<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation('admin');
  const root = Math.min(...places.map((p) => p.level));
  return (
    <fieldset data-testid={`${id}-members`}>
      <legend>{t('zones.choose')}</legend>
      <div className="member-choices">
        {places
          .filter((p) => p.level > root)
          .map((p) => (
            <label key={p.code}>
              <input
                type="checkbox"
                name="places"
                value={p.code}
                checked={chosen.has(p.code)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(p.code);
                  else next.delete(p.code);
                  onChange(next);
                }}
              />
              {p.name} ({p.code})
            </label>
          ))}
      </div>
    </fieldset>
  );
}
