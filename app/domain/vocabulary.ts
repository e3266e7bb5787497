// The words the whole product shares: sectors, roles, statuses. The database
// holds the same values under its own check constraints (db/schema.ts);
// vocabulary.test.ts keeps the two equal.

export const SECTORS = ["public", "voluntary_community", "independent"] as const;
export type Sector = (typeof SECTORS)[number];
/** Groups may also be cross-sector; people act in one sector. */
export const GROUP_SECTORS = [...SECTORS, "cross_sector"] as const;
export type GroupSector = (typeof GROUP_SECTORS)[number];
export const ROLES = ["admin", "member", "facilitator", "observer"] as const;
export type Role = (typeof ROLES)[number];
/** The board's columns, in order. */
export const STATUSES = ["not_started", "in_progress", "at_risk", "done"] as const;
export type Status = (typeof STATUSES)[number];
export const GROUP_ROLES = ["member", "chair"] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export type ReviewKind = "six_month" | "annual" | "other";
