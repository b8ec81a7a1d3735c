"use client";
// The app's modal dialog, a native <dialog>: showModal() makes the rest of the page inert and Escape
// becomes a "cancel" the owner decides about, so the dialog only closes through its owner's state. Tab
// wraps around inside it rather than leaving for the browser's own controls.
import { type KeyboardEvent, useEffect, useRef } from "react";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex="0"]';

function wrapFocus(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !event.currentTarget.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

export function Dialog({
  open,
  onCancel,
  labelledBy,
  describedBy,
  className = "",
  children,
}: {
  open: boolean;
  /** Escape (and only Escape: there is no click-outside) asks the owner to close. */
  onCancel: () => void;
  labelledBy: string;
  describedBy?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-modal="true"
      onKeyDown={wrapFocus}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className={`m-auto text-left max-h-[calc(100dvh-1.5rem)] w-[calc(100%-1.5rem)] overflow-y-auto rounded-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/60 backdrop:backdrop-blur-[2px] dark:bg-slate-900 dark:text-slate-100 ${className}`}
    >
      {open ? children : null}
    </dialog>
  );
}
