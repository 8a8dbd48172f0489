/**
 * The design API's shapes. Bodies are the program folder's own items (docs/program-format.md),
 * checked by the folder's readers and validator in the service, so the OpenAPI document
 * describes them and does not check them a second time.
 */
import { z } from '@hono/zod-openapi';
import { ProgramParamSchema } from '../../http/program-param.js';

const item = (name: string, description: string) => z.record(z.string(), z.unknown()).openapi(name, { description });

export const ProgramInputSchema = item('ProgramInput', 'program.json: code, name {en, es}, country (ISO 3166-1 alpha-2), fiscal_year_start_month, currency');
export const FrameworkNodeInputSchema = item(
  'FrameworkNodeInput',
  'A row of framework.csv: kind (goal | component), parent (a component’s goal), name_en, name_es, description_en, description_es; optional sort (display position) and retired (true | false)',
);
export const SourceInputSchema = item('SourceInput', 'A row of sources.csv: name_en, name_es, url');
export const DimensionInputSchema = item(
  'DimensionInput',
  'An item of dimensions.json: name {en, es}, options [{code, name {en, es}, retired?}] (options left out are kept); optional retired',
);
export const IndicatorInputSchema = item('IndicatorInput', 'An item of indicators.json (every field), plus optional retired (true | false)');
export const FrameworkOrderSchema = z.object({ codes: z.array(z.string().max(64)).min(1).max(1000) }).openapi('FrameworkOrder');
export const DesignSchema = z.record(z.string(), z.unknown()).openapi('ProgramDesign', {
  description: 'program, framework, sources, dimensions (options with retired), indicators the reader may read (every field of indicators.json, retired)',
});

const pathCode = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name, in: 'path' }, example });

export const NodeParamSchema = ProgramParamSchema.extend({ node: pathCode('node', 'G1') });
export const SourceParamSchema = ProgramParamSchema.extend({ source: pathCode('source', 'UNODC') });
export const DimensionParamSchema = ProgramParamSchema.extend({ dimension: pathCode('dimension', 'substance') });
export const OptionParamSchema = DimensionParamSchema.extend({ option: pathCode('option', 'cocaine_base') });
export const IndicatorParamSchema = ProgramParamSchema.extend({ indicator: pathCode('indicator', 'ERAD_HA') });
