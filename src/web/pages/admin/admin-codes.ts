/** The fixed vocabularies the admin forms offer (the server checks them again). */
export const ROLES = ['admin', 'officer', 'partner', 'analyst'] as const;
export type RoleCode = (typeof ROLES)[number];

export const CLEARANCES = ['public', 'official', 'restricted'] as const;
export type ClearanceCode = (typeof CLEARANCES)[number];

export const ORGANISATION_KINDS = ['government', 'donor', 'multilateral', 'ngo', 'private', 'academic'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Period identifiers the server parses: 2014, 2014Q1, 201403, 20140315, 2014Oct (fiscal); it checks the rest. */
export const PERIOD_PATTERN = /^\d{4}(Q[1-4]|\d{2}|\d{4}|[A-Za-z]+)?$/;
