/** A stored field value as text for tables and the read-only view, in the current language. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { useOrganisations, usePlaces, useZones } from '../../app/queries';
import { useProgram } from '../../app/program';
import type { LeafDef } from './field-rules';

export function useValueText(): (f: LeafDef, v: unknown) => string {
  const { t, i18n } = useTranslation('records');
  const format = useFormat();
  const { code } = useProgram();
  const places = usePlaces(code).data ?? [];
  const organisations = useOrganisations(code).data ?? [];
  const zones = useZones(code).data ?? [];
  const localName = useLocalName();
  const lang = i18n.language === 'es' ? 'es' : 'en';

  return (f, v) => {
    if (v === undefined || v === null || v === '') return '—';
    switch (f.type) {
      case 'quantity': {
        const q = v as { amount?: unknown; unit?: unknown };
        return typeof q.amount === 'number' ? `${format.number(q.amount, 3)} ${typeof q.unit === 'string' ? q.unit : ''}`.trim() : '—';
      }
      case 'integer':
      case 'number':
        return typeof v === 'number' ? format.number(v, 6) : String(v);
      case 'boolean':
        return v === true ? t('yes') : t('no');
      case 'date':
        return typeof v === 'string' ? format.date(v) : '—';
      case 'choice':
        return f.choices?.find((c) => c.code === v)?.name[lang] ?? String(v);
      case 'place': {
        const p = places.find((x) => x.code === v);
        return p ? p.name : String(v);
      }
      case 'zone': {
        const z = zones.find((x) => x.code === v);
        return z ? localName(z) : String(v);
      }
      case 'organisation': {
        const o = organisations.find((x) => x.code === v);
        return o ? localName(o) : String(v);
      }
      case 'list':
        return Array.isArray(v) ? t('items', { count: v.length }) : '—';
      default:
        return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
    }
  };
}

/** The name of the organisation `code` in the current language (for titles), or the code. */
export function useOrganisationName(): (code: string | null | undefined) => string {
  const localName = useLocalName();
  const { code: program } = useProgram();
  const organisations = useOrganisations(program).data ?? [];
  return (code) => {
    if (!code) return '—';
    const o = organisations.find((x) => x.code === code);
    return o ? localName(o) : code;
  };
}
