import { z } from "zod";
import { GROUP_SECTORS } from "~/domain/vocabulary";
import { SECTOR_LABELS } from "~/domain/words";
import { TEXT_LIMITS } from "~/domain/limits";

/** Creating and editing a group use the same fields. */
export const GroupForm = z.object({
  name: z
    .string({ error: "Enter a group name" })
    .trim()
    .min(1, "Enter a group name")
    .max(TEXT_LIMITS.groupName, `Group name must be ${TEXT_LIMITS.groupName} characters or fewer`),
  sector: z.enum(GROUP_SECTORS, { error: "Choose the group's sector" }),
  description: z
    .string()
    .trim()
    .max(TEXT_LIMITS.groupDescription, `Description must be ${TEXT_LIMITS.groupDescription.toLocaleString("en-GB")} characters or fewer`)
    .default(""),
});

export const groupSectorOptions = GROUP_SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] }));
