import type { FormReply } from "~/components/form-reply";
import type { SettingsIntent } from "~/domain/intents";

// What the settings page's loader and action send its parts. Here rather than
// derived from the route module, so the parts never import the route.

export interface ObstacleRow {
  id: string;
  name: string;
  description: string;
  /** How many of the plan's actions address it. */
  actionCount: number;
}

/** The one reply shape, saying which form it answers (and for an obstacle, which one) and what was sent. */
export type SettingsReply = FormReply & {
  intent?: SettingsIntent;
  categoryId?: string;
  sent?: { name?: string; description?: string; dueReminders?: string; dueReminderDays?: string };
};
