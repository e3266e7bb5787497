// The `intent` field of each form, by route: the screens send these and the
// route's action switches on them, so both import them from here.

/** Forms the board's route takes (the action dialog's Change status form is a move too). */
export const BOARD_INTENT = {
  move: "move",
  createAction: "create-action",
  createObjective: "create-objective",
  renameObjective: "rename-objective",
  moveObjective: "move-objective",
} as const;
export type BoardIntent = (typeof BOARD_INTENT)[keyof typeof BOARD_INTENT];

/** Forms the action dialog's route takes. */
export const ACTION_INTENT = {
  update: "update",
  addNote: "add-note",
  returnCompletion: "return",
  confirm: "confirm",
  archive: "archive",
  setObstacles: "set-obstacles",
} as const;

/** Forms the plan settings page takes: the plan's own settings, its obstacle categories, reminders and public page. */
export const SETTINGS_INTENT = {
  updatePlan: "update-plan",
  addObstacle: "add-obstacle",
  editObstacle: "edit-obstacle",
  moveObstacle: "move-obstacle",
  removeObstacle: "remove-obstacle",
  setDueReminders: "set-due-reminders",
  proposePublication: "propose-publication",
  agreePublication: "agree-publication",
  withdrawPublication: "withdraw-publication",
} as const;
export type SettingsIntent = (typeof SETTINGS_INTENT)[keyof typeof SETTINGS_INTENT];

/** Forms a review's page takes. */
export const REVIEW_INTENT = {
  reschedule: "reschedule",
  open: "open",
  assess: "assess",
  findObstacle: "find-obstacle",
  saveSummary: "save-summary",
  addBarrier: "add-barrier",
  updateBarrier: "update-barrier",
  removeBarrier: "remove-barrier",
  addRecommendation: "add-recommendation",
  updateRecommendation: "update-recommendation",
  removeRecommendation: "remove-recommendation",
  publish: "publish",
  addAddendum: "add-addendum",
  respond: "respond",
} as const;

/** The calendar link's forms on Your account. */
export const CALENDAR_INTENT = {
  create: "create-calendar-link",
  reset: "reset-calendar-link",
  turnOff: "turn-off-calendar-link",
} as const;
export type CalendarIntent = (typeof CALENDAR_INTENT)[keyof typeof CALENDAR_INTENT];

/** The import pages' two buttons: look first, then write. */
export const IMPORT_INTENT = {
  preview: "preview",
  import: "import",
} as const;

/** Forms the People page takes. */
export const PEOPLE_INTENT = {
  invite: "invite",
  change: "change",
  disable: "disable",
  enable: "enable",
  revoke: "revoke",
  resetLink: "reset-link",
} as const;

/** Forms a group's page takes. */
export const GROUP_INTENT = {
  update: "update",
  addMember: "add-member",
  setRole: "set-role",
  removeMember: "remove-member",
} as const;

/** Your account's own forms besides the calendar link's (its main form, changing the password, sends none). */
export const ACCOUNT_INTENT = {
  changePassword: "change-password",
  endSession: "end-session",
  saveEmailPreferences: "save-email-preferences",
  setPublicName: "set-public-name",
} as const;

/** The admins' Emails page: send a failed email again. */
export const EMAILS_INTENT = {
  retry: "retry-email",
} as const;

/** Forms the plan's Outcomes page takes: its indicators and their readings. */
export const OUTCOME_INTENT = {
  createIndicator: "create-indicator",
  updateIndicator: "update-indicator",
  addReading: "add-reading",
} as const;

/** Forms a partner survey's page takes (its stewards'); the answer page's one form sends none. */
export const SURVEY_INTENT = {
  update: "update-survey",
  inviteOrganisations: "invite-organisations",
  removeOrganisation: "remove-organisation",
  propose: "propose-survey",
  agree: "agree-survey",
  withdraw: "withdraw-survey",
  close: "close-survey",
} as const;
