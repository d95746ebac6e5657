import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/server/action";

type Props<T> = {
  result: ActionResult<T> | undefined;
  failed: boolean;
  /** What to say when the action succeeded. */
  success: (data: T) => ReactNode;
};

/** The outcome of the last submission: success, a domain message, or a network failure. */
export function FormStatus<T>({ result, failed, success }: Props<T>) {
  if (failed) return <Message tone="error">Could not reach the server; nothing was changed. Try again.</Message>;
  if (!result) return null;
  if (result.ok) return <Message tone="success">{success(result.data)}</Message>;
  return <Message tone="error">{result.message}</Message>;
}

function Message({ tone, children }: { tone: "success" | "error"; children: ReactNode }) {
  return tone === "success" ? (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{children}</p>
  ) : (
    <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">{children}</p>
  );
}
