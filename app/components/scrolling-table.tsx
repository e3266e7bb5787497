import type { ReactNode } from "react";

/** A table that scrolls sideways on a narrow screen, reachable (and scrollable) from the keyboard. */
export function ScrollingTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A region that scrolls must take focus, or keyboard users cannot scroll it (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
