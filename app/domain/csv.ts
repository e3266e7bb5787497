/** A CSV cell: quoted, and never read as a formula by a spreadsheet (=, +, -, @ lead with an apostrophe). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
