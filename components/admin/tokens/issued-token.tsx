"use client";

import { useState } from "react";

/** The one moment the full token exists outside its owner's hands: make copying it easy and obvious. */
export function IssuedToken({ token, label }: { token: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // Clipboard access can be refused (http, permissions); the token stays selectable.
      setCopied(false);
    }
  }
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm" data-testid="issued-token">
      <p className="font-medium text-amber-900">{label}</p>
      <p className="mt-1 text-amber-900">Copy it now: Concord stores only a hash and cannot show this token again.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code className="rounded border border-amber-200 bg-surface px-2 py-1 font-mono text-xs break-all select-all" data-testid="issued-token-value">
          {token}
        </code>
        <button type="button" onClick={copy} className="rounded-md border border-line bg-surface px-3 py-1 text-xs font-medium hover:bg-canvas">
          {copied ? "Copied" : "Copy token"}
        </button>
      </div>
    </div>
  );
}
