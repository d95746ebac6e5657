// Reads the close route's answer: one JSON line per step (progress), then the outcome.
export type CloseLine = { progress: { done: number; total: number } } | { done: { period: string } } | { error: { code: string; message: string } };

export type CloseOutcome = { ok: true; period: string } | { ok: false; code: string; message: string };

/**
 * Posts the close and calls `onProgress` as SKUs are valued; resolves with the
 * outcome, never throws for a refusal. Throws when no outcome arrives (the
 * connection failed, or the stream ended before its last line): whether the month
 * closed is then unknown.
 */
export async function closeWithProgress(period: string, idempotencyKey: string, onProgress: (done: number, total: number) => void): Promise<CloseOutcome> {
  const response = await fetch("/finance/periods/close", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ period, idempotencyKey }),
  });
  if (!response.body) throw new Error("The close route sent no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let outcome: CloseOutcome | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) outcome = read(JSON.parse(line) as CloseLine, onProgress) ?? outcome;
    }
    if (done) break;
  }
  // A refusal before the stream (401, 403, 400) is one JSON object without a newline.
  if (buffer.trim()) outcome = read(JSON.parse(buffer) as CloseLine, onProgress) ?? outcome;
  if (!outcome) throw new Error("The close stopped without an outcome");
  return outcome;
}

function read(line: CloseLine, onProgress: (done: number, total: number) => void): CloseOutcome | null {
  if ("progress" in line) {
    onProgress(line.progress.done, line.progress.total);
    return null;
  }
  if ("done" in line) return { ok: true, period: line.done.period };
  return { ok: false, code: line.error.code, message: line.error.message };
}
