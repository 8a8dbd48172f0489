/**
 * The reference sheet as a reader sees it: every PIRS field in the order of the template, a
 * required field still empty shown as "not yet defined", and how many required fields are
 * defined. Texts are plain text (React escapes them), in the reader's language or, when only
 * the other exists, in that one and marked so.
 */
import { useTranslation } from 'react-i18next';
import { REQUIRED_PIRS_FIELDS, type PirsField, type ReferenceTextField } from '../../../core/reference-sheet';
import { useDimensions } from '../../app/queries';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { unitName } from '../../i18n/unit-label';
import { pickText, type ReferenceSheet } from './use-indicator-data';

type Row = { field: string; value: string | null; lang?: 'en' | 'es' };

export function ReferenceSheetView({ program, sheet }: { program: string; sheet: ReferenceSheet }) {
  const { t, i18n } = useTranslation('indicator');
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const f = useFormat();
  const name = useLocalName();
  const dimensions = useDimensions(program);
  const dimName = (code: string) => name(dimensions.data?.find((d) => d.code === code)) || code;
  const missing = new Set<string>(sheet.completeness.missing);
  const required = new Set<string>(REQUIRED_PIRS_FIELDS as readonly PirsField[]);
  const person = sheet.reference.responsible_person;
  const text = (field: ReferenceTextField): Row => {
    const picked = pickText(sheet.reference[field], lang);
    return { field, value: picked?.text ?? null, lang: picked?.lang };
  };
  const rows: Row[] = [
    text('definition'),
    { field: 'unit', value: unitName(sheet.unit, lang) || sheet.unit },
    { field: 'disaggregations', value: sheet.disaggregations.map(dimName).join(', ') || null },
    text('rationale'),
    { field: 'sources', value: sheet.sources.join(', ') || null },
    text('data_source'),
    text('collection_method'),
    text('collection_frequency'),
    text('reporting_frequency'),
    text('responsible_organisation'),
    { field: 'responsible_person', value: sheet.responsible_user_name ?? (person && 'name' in person ? person.name : null) },
    text('baseline_rationale'),
    text('target_rationale'),
    text('data_limitations'),
    text('limitation_actions'),
    text('analysis_plan'),
    { field: 'agg_time', value: t(`aggs.${sheet.agg_time}`, { defaultValue: sheet.agg_time }) },
    { field: 'agg_place', value: t(`aggs.${sheet.agg_place}`, { defaultValue: sheet.agg_place }) },
    ...(sheet.formula ? [{ field: 'formula', value: sheet.formula }] : []),
    text('notes'),
  ];
  const { filled, required: count, untranslated } = sheet.completeness;
  return (
    <>
      <p className="completeness" data-testid="completeness">
        <meter min={0} max={count} value={filled} aria-hidden="true" /> {t('sheet.completeness', { filled, required: count })}
      </p>
      {untranslated.length > 0 && <p className="muted">{t('sheet.untranslated', { fields: untranslated.map((u) => t(`fields.${u}`)).join(', ') })}</p>}
      <dl className="reference-sheet" data-testid="reference-sheet">
        {rows.map((r) => (
          <div key={r.field} data-field={r.field}>
            <dt>
              {t(`fields.${r.field}`)}
              {required.has(r.field) && <span className="visually-hidden"> ({t('sheet.required')})</span>}
            </dt>
            <dd>
              {r.value !== null && !missing.has(r.field) ? (
                <>
                  <span lang={r.lang && r.lang !== lang ? r.lang : undefined} className="sheet-text">
                    {r.value}
                  </span>
                  {r.lang && r.lang !== lang && <span className="muted"> ({t('sheet.otherLanguage')})</span>}
                </>
              ) : missing.has(r.field) ? (
                <em className="not-defined">{t('sheet.notYetDefined')}</em>
              ) : (
                t('sheet.empty')
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">{sheet.last_updated ? t('sheet.lastUpdated', { date: f.date(sheet.last_updated) }) : t('sheet.neverUpdated')}</p>
    </>
  );
}
