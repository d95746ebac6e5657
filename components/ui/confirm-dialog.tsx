"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A modal question before a destructive action. A native <dialog>: focus is
 * trapped and Escape cancels without extra code; Cancel has the focus first,
 * so Enter never destroys by accident.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={titleId}
      onCancel={onCancel}
      className="m-auto max-w-md rounded-lg border border-line bg-surface p-0 text-left text-ink shadow-lg backdrop:bg-slate-900/40"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-base font-semibold">{title}</h2>
        <div className="mt-2 text-sm text-muted">{children}</div>
      </div>
      <div className="flex justify-end gap-2 border-t border-line px-5 py-3">
        <button type="button" autoFocus onClick={onCancel} className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-canvas">
          Cancel
        </button>
        <button type="button" onClick={onConfirm} className="rounded-md bg-danger-700 px-3 py-1.5 text-sm font-medium text-white hover:opacity-90">
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
