/**
 * Plans name leads in one cell: "Mandy Lindley/Compact Working Group/JSNA team,".
 * Split it into names a person can recognise: drop notes in brackets, quote
 * marks, trailing punctuation and "to develop"-style tails.
 */
export function splitLeadWording(wording: string): string[] {
  return wording
    .split("/")
    .map((part) =>
      part
        .replace(/\([^)]*\)/g, " ")
        .replace(/['‘’"“”]/g, "")
        .replace(/\s+to\s+\w+\s*$/i, "")
        .replace(/[\s,;.]+$/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((name) => name.length > 0);
}
