import type { ReactNode } from "react";

/** A confirmation that something worked, announced politely; nothing when there is nothing to say. */
export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
