/**
 * The kinds of organisation a program knows (an agency, a donor, a UN partner, …), defined
 * once: the program folder's organisations.csv and the organisations API check against it.
 */
export const ORGANISATION_KINDS = ['government', 'donor', 'multilateral', 'ngo', 'private', 'academic'] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
