/**
 * The fixed vocabularies of the API (roles, clearances, organisation kinds, provenances), listed
 * once for the app's menus and typed against the generated schema: a code the API does not know,
 * or one it knows that is missing here, fails typecheck after `npm run api:types`.
 */
import type { components } from './schema.gen';

type Schemas = components['schemas'];

/** `list` as given, when it names every member of `T` and nothing else. */
function everyOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}

export type RoleCode = Schemas['NewUser']['role'];
export const ROLES = everyOf<RoleCode>()(['admin', 'officer', 'partner', 'analyst']);

/** Whom the app is showing itself to: a signed-in user's role, or `public` before signing in. */
export type Role = RoleCode | 'public';

export type ClearanceCode = NonNullable<Schemas['NewUser']['clearance']>;
export const CLEARANCES = everyOf<ClearanceCode>()(['public', 'official', 'restricted']);

export type OrganisationKind = Schemas['NewOrganisation']['kind'];
export const ORGANISATION_KINDS = everyOf<OrganisationKind>()(['government', 'donor', 'multilateral', 'ngo', 'private', 'academic']);

export type ProvenanceCode = NonNullable<Schemas['TargetInput']['provenance']>;
export const PROVENANCES = everyOf<ProvenanceCode>()(['sourced', 'derived', 'illustrative']);

/** True when `code` is one of `list` (for values the API returns as plain strings). */
export function isOneOf<T extends string>(list: readonly T[], code: string | null | undefined): code is T {
  return (list as readonly string[]).includes(code ?? '');
}
