/**
 * A program as one IATI 2.03 activity: identification, organisations, status and dates,
 * country and located regions, DAC sectors from the framework's components, and one result
 * per component with its indicators, baselines, and periods of targets and actuals (by
 * disaggregation as `dimension`). Children are written in the order of the schema's sequence.
 */
import type { Db } from '../../../db/database.js';
import { parsePeriod } from '../../../core/periods.js';
import { queryAnalytics } from '../../analytics/analytics.service.js';
import { loadCatalog, type IndicatorInfo } from '../../catalog/catalog.repo.js';
import type { ExportOptions } from '../exchange-format.js';
import { xmlElement } from '../xml/xml-writer.js';
import { listComponents, listLocatedRegions, listOrganisations, listTopTargets, valueDateRange } from './iati-export.repo.js';
import { parseIatiMapping, type IatiMapping } from './iati-mapping.schema.js';

const narratives = (en: string | null | undefined, es: string | null | undefined): string[] => {
  const out: string[] = [];
  if (en) out.push(xmlElement('narrative', {}, en, { text: true }));
  if (es) out.push(xmlElement('narrative', { 'xml:lang': 'es' }, es, { text: true }));
  return out.length ? out : [xmlElement('narrative', {}, '-', { text: true })];
};

/** Sectors of the activity: each component weighs the same; percentages add up to exactly 100. */
export function activitySectors(componentCodes: readonly string[], mapping: IatiMapping): Array<{ code: string; percentage: number }> {
  const shares = new Map<string, number>();
  const comps = componentCodes.length ? componentCodes : [''];
  for (const c of comps) {
    for (const s of mapping.sectors[c] ?? mapping.defaultSectors) shares.set(s.code, (shares.get(s.code) ?? 0) + s.percentage / comps.length);
  }
  // Largest remainder in hundredths, so that rounding never breaks the sum of 100.
  const entries = [...shares].map(([code, p]) => ({ code, cents: Math.floor(p * 100 + 1e-9), rest: p * 100 - Math.floor(p * 100 + 1e-9) }));
  let missing = 10_000 - entries.reduce((a, e) => a + e.cents, 0);
  for (const e of [...entries].sort((a, b) => b.rest - a.rest)) {
    if (missing <= 0) break;
    e.cents++;
    missing--;
  }
  return entries.sort((a, b) => a.code.localeCompare(b.code)).map((e) => ({ code: e.code, percentage: e.cents / 100 }));
}

const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** Writes the program's IATI activity file. */
export async function exportIati(db: Db, options: ExportOptions, now = new Date()): Promise<string> {
  const mapping = parseIatiMapping(options.mapping);
  const catalog = await loadCatalog(db, options.program);
  const { program } = catalog;
  const [orgs, components, targets, regions, range] = await Promise.all([
    listOrganisations(db, program.id),
    listComponents(db, program.id),
    listTopTargets(db, program.id),
    listLocatedRegions(db, program.id),
    valueDateRange(db, program.id),
  ]);
  const reporting = orgs.find((o) => o.code === mapping.reportingOrg.organisation) ?? orgs.find((o) => o.kind === 'donor');
  const reportingRef = mapping.reportingOrg.ref ?? reporting?.iati_ref ?? `XM-VIGIA-${reporting?.code ?? program.code}`;
  const orgNarratives = (o: { name_en: string; name_es: string }) => narratives(o.name_en, o.name_es);

  const participating = [
    // Role 1 funding: the donor(s); role 4 implementing: everyone else the program works with.
    ...orgs
      .filter((o) => o.kind === 'donor')
      .map((o) => xmlElement('participating-org', { ref: o.iati_ref, role: '1', type: mapping.reportingOrg.type }, orgNarratives(o))),
    ...orgs
      .filter((o) => o.kind !== 'donor')
      .map((o) => xmlElement('participating-org', { ref: o.iati_ref, role: '4', type: ORG_TYPES[o.kind] }, orgNarratives(o))),
  ];
  if (!participating.length)
    participating.push(xmlElement('participating-org', { ref: reportingRef, role: '1' }, narratives(program.name_en, program.name_es)));

  const targetDates = targets.map((t) => [t.start_date, t.end_date] as const);
  const starts = [range?.start, ...targetDates.map((d) => d[0])].filter((d): d is string => !!d).sort();
  const ends = [range?.end, ...targetDates.map((d) => d[1])].filter((d): d is string => !!d).sort();
  const dates = [xmlElement('activity-date', { type: '2', 'iso-date': starts[0] ?? program.created_at.slice(0, 10) })];
  if (ends.length) dates.push(xmlElement('activity-date', { type: '3', 'iso-date': ends[ends.length - 1] }));

  const results: string[] = [];
  for (const c of components) {
    const inds = [...catalog.indicators.values()].filter((i) => i.component_id === c.id);
    if (!inds.length) continue;
    const indicators: string[] = [];
    for (const ind of inds) {
      for (const source of ind.sources.length > 1 ? ind.sources : [undefined]) {
        indicators.push(await indicatorXml(db, options, ind, source, targets));
      }
    }
    const type = (mapping.resultTypes[c.code] ?? 'output') === 'output' ? '1' : '2';
    results.push(
      xmlElement('result', { type, 'aggregation-status': '0' }, [
        xmlElement('title', {}, narratives(c.name_en, c.name_es)),
        ...(c.description_en || c.description_es ? [xmlElement('description', {}, narratives(c.description_en, c.description_es))] : []),
        ...indicators,
      ]),
    );
  }

  const sectors = activitySectors(
    components.map((c) => c.code),
    mapping,
  ).map((s) => xmlElement('sector', { vocabulary: '1', code: s.code, percentage: s.percentage }));
  const locations = regions.map((r) =>
    xmlElement('location', { ref: r.code }, [
      xmlElement('name', {}, narratives(r.name, null)),
      xmlElement('point', { srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326' }, xmlElement('pos', {}, `${r.lat} ${r.lon}`, { text: true })),
    ]),
  );
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const activity = xmlElement(
    'iati-activity',
    { 'last-updated-datetime': stamp, 'xml:lang': options.lang ?? 'en', 'default-currency': program.currency, humanitarian: '0' },
    [
      xmlElement('iati-identifier', {}, `${reportingRef}-${program.code}`, { text: true }),
      xmlElement(
        'reporting-org',
        { ref: reportingRef, type: mapping.reportingOrg.type },
        reporting ? orgNarratives(reporting) : narratives(program.name_en, program.name_es),
      ),
      xmlElement('title', {}, narratives(program.name_en, program.name_es)),
      xmlElement('description', { type: '1' }, narratives(program.name_en, program.name_es)),
      ...participating,
      xmlElement('activity-status', { code: mapping.activityStatus }),
      ...dates,
      xmlElement('recipient-country', { code: program.country_code, percentage: '100' }),
      ...locations,
      ...sectors,
      ...results,
    ]
      .map((s) => `\n  ${s}`)
      .concat('\n'),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement('iati-activities', { version: '2.03', 'generated-datetime': stamp }, ['\n', activity, '\n'])}\n`;
}

/** IATI OrganisationType codes for Vigia's organisation kinds. */
const ORG_TYPES: Record<string, string> = { government: '10', donor: '10', multilateral: '40', ngo: '22', private: '70', academic: '80' };

async function actualsOf(db: Db, options: ExportOptions, ind: IndicatorInfo, source: string | undefined, period: string): Promise<string[]> {
  const base = { program: options.program, indicators: [ind.code], source, from: period, to: period, approvedOnly: options.approvedOnly ?? false };
  const out: string[] = [];
  const total = (await queryAnalytics(db, base)).rows[0]?.value;
  if (total !== null && total !== undefined) out.push(xmlElement('actual', { value: num(total) }));
  for (const dim of ind.dimensions.keys()) {
    const { rows } = await queryAnalytics(db, { ...base, by: [`disagg:${dim}`] });
    for (const r of rows) {
      const opt = r.disagg?.[dim];
      if (!opt || r.value === null) continue;
      out.push(xmlElement('actual', { value: num(r.value) }, xmlElement('dimension', { name: dim, value: opt })));
    }
  }
  return out;
}

async function indicatorXml(
  db: Db,
  options: ExportOptions,
  ind: IndicatorInfo,
  source: string | undefined,
  targets: Awaited<ReturnType<typeof listTopTargets>>,
): Promise<string> {
  const mine = targets.filter((t) => t.indicator === ind.code && (source === undefined || t.source === source || t.source === ''));
  const baseline = mine.filter((t) => t.kind === 'baseline').at(-1);
  // Periods: every target's, and every calendar year with data (actuals without a target).
  const targetOf = new Map(mine.filter((x) => x.kind === 'target').map((x) => [x.period, x.value]));
  const years = await queryAnalytics(db, {
    program: options.program,
    indicators: [ind.code],
    source,
    by: ['period:year'],
    approvedOnly: options.approvedOnly ?? false,
  });
  const ids = new Set([...targetOf.keys(), ...years.rows.filter((r) => r.period && r.value !== null).map((r) => r.period ?? '')]);
  const ordered = [...ids].map((id) => parsePeriod(id)).sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  const periods: string[] = [];
  for (const p of ordered) {
    const target = targetOf.get(p.id);
    const actuals = await actualsOf(db, options, ind, source, p.id);
    if (target === undefined && !actuals.length) continue;
    periods.push(
      xmlElement('period', {}, [
        xmlElement('period-start', { 'iso-date': p.start }),
        xmlElement('period-end', { 'iso-date': p.end }),
        ...(target === undefined ? [] : [xmlElement('target', { value: num(target) })]),
        ...actuals,
      ]),
    );
  }
  const title = source ? [`${ind.name_en} (${source})`, `${ind.name_es} (${source})`] : [ind.name_en, ind.name_es];
  return xmlElement('indicator', { measure: ind.unit === '%' ? '2' : '1', ascending: ind.direction === 'down' ? '0' : '1' }, [
    xmlElement('title', {}, narratives(title[0], title[1])),
    ...(ind.description_en || ind.description_es ? [xmlElement('description', {}, narratives(ind.description_en, ind.description_es))] : []),
    ...(baseline ? [xmlElement('baseline', { year: baseline.start_date.slice(0, 4), 'iso-date': baseline.start_date, value: num(baseline.value) })] : []),
    ...periods,
  ]);
}
