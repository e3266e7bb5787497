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
} as const;
