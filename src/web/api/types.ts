/** Named shapes of the API, taken from the generated schema so they cannot drift from the server. */
import type { components } from './schema.gen';

type Schemas = components['schemas'];
export type User = Schemas['User'];
export type Me = Schemas['Me'];
export type Program = Schemas['Program'];
export type AnalyticsRow = Schemas['AnalyticsRow'];
export type Indicator = Schemas['Indicator'];
export type Place = Schemas['Place'];
export type Zone = Schemas['Zone'];
export type Dimension = Schemas['Dimension'];
export type Organisation = Schemas['Organisation'];
export type Submission = Schemas['Submission'];
export type Value = Schemas['Value'];
export type ApiRecord = Schemas['Record'];
export type ImportJob = Schemas['ImportJob'];
export type ImportReport = Schemas['ImportReport'];
