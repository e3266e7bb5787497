/** Prints the page, which the print stylesheet turns into a paper (without JavaScript, the browser's Print does the same). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button button--secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
