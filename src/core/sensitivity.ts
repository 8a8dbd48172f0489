/**
 * The sensitivity levels, defined once and in order: public (everyone), official (program
 * staff), restricted (those cleared for it: exact seizure coordinates, case details). A user's
 * clearance is one of the same levels, the most sensitive they may read. Indicators, record
 * fields, report exclusions, the API's enums and the access policy all take them from here.
 */
export const SENSITIVITIES = ['public', 'official', 'restricted'] as const;

/** How sensitive a figure or field is; also a reader's clearance (the ceiling of what they read). */
export type Sensitivity = (typeof SENSITIVITIES)[number];

const RANK: Record<Sensitivity, number> = { public: 0, official: 1, restricted: 2 };

/** True when data of `sensitivity` is at or below `ceiling` (a reader's clearance). */
export function withinClearance(sensitivity: Sensitivity, ceiling: Sensitivity): boolean {
  return RANK[sensitivity] <= RANK[ceiling];
}

/** The more sensitive of two levels. */
export function moreSensitive(a: Sensitivity, b: Sensitivity): Sensitivity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** True when `a` is strictly more sensitive than `b`. */
export function above(a: Sensitivity, b: Sensitivity): boolean {
  return RANK[a] > RANK[b];
}
