/** The latitude and longitude fields of the place forms (adding a place and changing one), marked when wrong. */
import { useTranslation } from 'react-i18next';

export function CoordinateFields({
  lat,
  lon,
  onChange,
  problems,
}: {
  lat: string;
  lon: string;
  onChange: (field: 'lat' | 'lon', text: string) => void;
  /** The translated problems shown with the form: a coordinate is marked invalid when its own is among them. */
  problems: string[];
}) {
  const { t } = useTranslation('admin');
  return (
    <>
      <label>
        {t('places.lat')} <span className="hint">({t('places.latHint')})</span>
        <input
          name="lat"
          inputMode="decimal"
          size={10}
          value={lat}
          onChange={(e) => onChange('lat', e.target.value)}
          aria-invalid={problems.includes(t('places.badLat'))}
        />
      </label>
      <label>
        {t('places.lon')} <span className="hint">({t('places.lonHint')})</span>
        <input
          name="lon"
          inputMode="decimal"
          size={10}
          value={lon}
          onChange={(e) => onChange('lon', e.target.value)}
          aria-invalid={problems.includes(t('places.badLon'))}
        />
      </label>
    </>
  );
}
