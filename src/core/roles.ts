/**
 * The roles of a user account, defined once: the database types, the API's zod enums (and so
 * the OpenAPI document and the web app's generated types), the accounts service's checks and
 * the CLI's help all take them from here. What each role may do is the policy's
 * (src/modules/access/policy.ts).
 */
export const ROLES = ['admin', 'officer', 'partner', 'analyst'] as const;

export type Role = (typeof ROLES)[number];
