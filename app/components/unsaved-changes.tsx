import { useCallback, useEffect, useRef, type RefObject } from "react";
import { useBlocker, type Blocker } from "react-router";

// What someone has typed and not saved is not thrown away without asking:
// leaving the page's address (Close, Escape, the browser's Back) asks in a
// small dialog of our own, and leaving the page itself (reload, closing the
// tab) asks through the browser's own question.

/** Marks a form whose fields show something not yet saved even as loaded (both versions after a conflict). */
export const UNSAVED_ATTRIBUTE = "data-unsaved";

/** Whether a form inside `root` holds something other than what it was loaded with. */
export function hasUnsavedChanges(root: Element | null): boolean {
  if (!root) return false;
  return [...root.querySelectorAll("form")].some((form) => form.hasAttribute(UNSAVED_ATTRIBUTE) || [...form.elements].some(changed));
}

function changed(element: Element): boolean {
  if (element instanceof HTMLInputElement) {
    if (element.type === "checkbox" || element.type === "radio") return element.checked !== element.defaultChecked;
    if (["hidden", "submit", "button", "reset", "image", "file"].includes(element.type)) return false;
    return sameText(element.value) !== sameText(element.defaultValue);
  }
  if (element instanceof HTMLTextAreaElement) return sameText(element.value) !== sameText(element.defaultValue);
  if (element instanceof HTMLSelectElement) {
    const options = [...element.options];
    if (element.multiple) return options.some((option) => option.selected !== option.defaultSelected);
    // A single choice with no option marked shows its first.
    return (
      element.selectedIndex !==
      Math.max(
        0,
        options.findIndex((option) => option.defaultSelected),
      )
    );
  }
  return false;
}

function sameText(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Guards the forms inside `root` while it is on the page: a move to another
 * address waits for the person's answer (render `<DiscardChanges blocker>`),
 * and the browser asks before the page is left. Sending one of the forms is
 * not leaving: spread `onSubmitCapture` on an element around them.
 */
export function useUnsavedChangesGuard(root: RefObject<Element | null>) {
  const sending = useRef(false);
  const shouldBlock = useCallback(
    ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
      !sending.current && currentLocation.pathname !== nextLocation.pathname && hasUnsavedChanges(root.current),
    [root],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges(root.current)) return;
      event.preventDefault();
      // Older browsers ask only when this is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => window.removeEventListener("beforeunload", beforeUnload);
  }, [root]);

  const onSubmitCapture = useCallback(() => {
    sending.current = true;
    // The navigation a form starts asks the blocker at once; after that, leaving asks again.
    setTimeout(() => {
      sending.current = false;
    });
  }, []);

  return { blocker, onSubmitCapture };
}

/**
 * "Discard your unsaved changes?", over whatever asked, with focus on Keep
 * editing; Escape keeps editing too. Keep editing puts focus back where it was.
 */
export function DiscardChanges({ blocker }: { blocker: Blocker }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const asking = blocker.state === "blocked";

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (asking && !dialog.open) {
      dialog.showModal();
      keepRef.current?.focus();
    } else if (!asking && dialog.open) {
      dialog.close();
    }
  }, [asking]);

  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-labelledby="discard-changes-title"
      aria-describedby="discard-changes-text"
      className="confirm-dialog"
      // React passes a dialog's cancel on to the dialogs around it, whose own Escape would ask again.
      onCancel={(event) => {
        event.preventDefault();
        event.stopPropagation();
        blocker.reset?.();
      }}
      // Closed by the browser itself (it may skip "cancel"): still a "keep editing".
      onClose={(event) => {
        event.stopPropagation();
        blocker.reset?.();
      }}
    >
      <h2 id="discard-changes-title" className="confirm-dialog__title">
        Discard your unsaved changes?
      </h2>
      <p id="discard-changes-text">What you typed here has not been saved. If you discard it, it is lost.</p>
      <div className="confirm-dialog__buttons">
        <button ref={keepRef} type="button" className="button" onClick={() => blocker.reset?.()}>
          Keep editing
        </button>
        <button type="button" className="button button--warning" onClick={() => blocker.proceed?.()}>
          Discard
        </button>
      </div>
    </dialog>
  );
}
