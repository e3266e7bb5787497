import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * The board's modal dialog: opened as it mounts, named by its heading, and
 * Escape goes through `onClose` so the board decides where focus returns.
 * The opener unmounts it to close it.
 */
export function BoardDialog({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    // showModal focuses the first control; a dialog built on this one that wants another focuses it in its own effect, which runs after.
    dialogRef.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="move-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={headingId} className="move-dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
