import { z } from "zod";
import { GROUP_SECTORS } from "~/domain/vocabulary";
import { SECTOR_LABELS } from "~/domain/words";

/** Creating and editing a group use the same fields. */
export const GroupForm = z.object({
  name: z.string({ error: "Enter a group name" }).trim().min(1, "Enter a group name").max(200, "Group name must be 200 characters or fewer"),
  sector: z.enum(GROUP_SECTORS, { error: "Choose the group's sector" }),
  description: z.string().trim().max(1000, "Description must be 1000 characters or fewer").default(""),
});

export const groupSectorOptions = GROUP_SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] }));
