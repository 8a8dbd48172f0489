/**
 * The reference sheet's input rules, once for the program folder (`reference` in
 * indicators.json) and the API's change: each text at most MAX_REFERENCE_TEXT characters, no
 * control characters but line breaks and tabs, unknown fields refused by name.
 */
import { z } from '@hono/zod-openapi';
import { MAX_REFERENCE_TEXT, REFERENCE_TEXT_FIELDS, type ReferenceTextField } from './reference-sheet.js';

// Control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const referenceText = z
  .string()
  .max(MAX_REFERENCE_TEXT, `at most ${MAX_REFERENCE_TEXT.toLocaleString('en')} characters`)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters');

/** A text in English and Spanish; either may be left out. */
export const bilingualTextSchema = z.strictObject({ en: referenceText, es: referenceText }).partial();

export const responsiblePersonSchema = z.union([
  z.strictObject({ user_id: z.number().int().positive() }),
  z.strictObject({ name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters') }),
]);

const textFields = <T extends z.ZodType>(value: T) =>
  Object.fromEntries(REFERENCE_TEXT_FIELDS.map((f) => [f, value.optional()])) as { [F in ReferenceTextField]: z.ZodOptional<T> };

/** A whole sheet, as a program folder gives it. */
export const referenceSheetSchema = z.strictObject({ ...textFields(bilingualTextSchema), responsible_person: responsiblePersonSchema.optional() });

/** A change to a sheet: the fields changed, null clearing one. */
export const referencePatchFieldsSchema = {
  ...textFields(bilingualTextSchema.nullable()),
  responsible_person: responsiblePersonSchema.nullable().optional(),
};
