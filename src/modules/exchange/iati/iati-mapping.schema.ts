/**
 * What IATI needs that a program folder does not say: the reporting organisation's IATI
 * identifier, DAC sectors per framework component, and whether a component's result is an
 * output or an outcome. All optional; see docs/exchange-dhis2-iati.md for the defaults.
 */
import { z } from 'zod';
import { validationError } from '../../../core/errors.js';

const Sector = z.object({
  /** DAC 5-digit purpose code (vocabulary 1), e.g. 16063 narcotics control. */
  code: z.string().regex(/^\d{5}$/, 'a DAC 5-digit purpose code'),
  percentage: z.number().positive().max(100),
});

const SectorSplit = z
  .array(Sector)
  .min(1)
  .refine((s) => Math.abs(s.reduce((a, x) => a + x.percentage, 0) - 100) < 1e-9, {
    message: 'percentages must add up to 100',
  });

export const IatiMappingSchema = z
  .object({
    reportingOrg: z
      .object({
        /** Vigia organisation code; default: the program's first `donor` organisation. */
        organisation: z.string().optional(),
        /** IATI organisation identifier; default: the organisation's `iati_ref`, else `XM-VIGIA-{code}`. */
        ref: z.string().optional(),
        /** IATI OrganisationType code; default 10 (government). */
        type: z.string().default('10'),
      })
      .default({ type: '10' }),
    /** IATI ActivityStatus code; default 2 (implementation). */
    activityStatus: z.string().default('2'),
    /** Sectors of a component whose code is not listed. */
    defaultSectors: SectorSplit.default([{ code: '16063', percentage: 100 }]),
    /** Component code → its sectors. */
    sectors: z.record(z.string(), SectorSplit).default({}),
    /** Component code → result type (default output). */
    resultTypes: z.record(z.string(), z.enum(['output', 'outcome'])).default({}),
  })
  .strict();

export type IatiMapping = z.infer<typeof IatiMappingSchema>;

/** Checks an IATI mapping; a bad one is a validation error naming each bad field. */
export function parseIatiMapping(raw: unknown, file = 'iati-mapping.json'): IatiMapping {
  const r = IatiMappingSchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  throw validationError(
    `${file}: not a valid IATI mapping`,
    r.error.issues.map((i) => ({ file, column: i.path.join('.'), reason: i.message })),
  );
}
