/** A CSV cell: quoted, and never read as a formula by a spreadsheet (=, +, -, @ lead with an apostrophe). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A download's file name from a title: "partnership-improvement-action-plan-2010-history.csv", safe in a header. */
export function downloadFilename(title: string, suffix: string, fallback = "plan"): string {
  return `${
    title
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || fallback
  }-${suffix}`;
}
