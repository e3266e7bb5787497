import { z } from "zod";

// List fields of forms, each with a stated maximum: an unbounded list is a
// query with one parameter per item, and PostgreSQL takes at most 65,535.

/** How many leads of each kind (people, groups, outside bodies) an action may name. */
export const MAX_LEADS = 50;
/** How many steward groups a plan may name. */
export const MAX_STEWARD_GROUPS = 50;
/** How many obstacle categories an action may address (a plan holds at most as many). */
export const MAX_OBSTACLES = 50;

/** How many objectives an outcome indicator may serve. */
export const MAX_OBJECTIVES_SERVED = 50;

/** Checkboxes and multi-selects of ids arrive as a string, an array, or nothing. */
export function idList(max: number, tooMany: string) {
  return z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.uuid()).max(max, tooMany));
}

/** One item per line of a text box, blank lines dropped. */
export function lineList(max: number, tooMany: string, item: z.ZodString) {
  return z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean)
        : [],
    z.array(item).max(max, tooMany),
  );
}
