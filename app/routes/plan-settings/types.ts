import type { FormReply } from "~/components/form-reply";
import type { SettingsIntent } from "~/domain/intents";
import type { PublicationState } from "~/domain/publication";

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

/** Where the plan's publication stands, in words, with the steps this person may take. */
export interface PublicationView {
  state: PublicationState;
  description: string;
  proposed: { name: string; sectorWords: string; at: string } | null;
  agreed: { name: string; sectorWords: string; at: string } | null;
  /** Where anyone reads the plan, while it is published. */
  publicPath: string | null;
  /** For a person who may not agree to a standing proposal: who can. */
  whoMustAgree: string | null;
  offers: { propose: boolean; agree: boolean; withdraw: boolean };
}
