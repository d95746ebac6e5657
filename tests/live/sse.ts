// Reads GET /api/live the way a browser's EventSource would: the route handler
// called with a Request, its body parsed into frames as they arrive.
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

export type Frame = { id?: string; event: string; data?: string };
export type Notice = { seq: number; first: number; group: string; type: string; sku: string | null; locations: string[] | null; money?: Record<string, string> };

export type Stream = {
  status: number;
  frames: Frame[];
  /** The ledger notices received so far, in order. */
  notices: () => Notice[];
  /** Resolves with the first frame (from the start) that matches, or rejects after `ms`. */
  until: (match: (frame: Frame) => boolean, ms?: number) => Promise<Frame>;
  close: () => void;
  closed: Promise<void>;
};

export async function openStream(who: Role | null, query = "", headers: Record<string, string> = {}): Promise<Stream & { body: string }> {
  const { GET } = await import("../../app/api/live/route.ts");
  const abort = new AbortController();
  const request = new Request(`http://concord.test/api/live${query}`, {
    headers: { ...(who ? { authorization: `Bearer ${demoUser(who).token}` } : {}), ...headers },
    signal: abort.signal,
  });
  const response = await GET(request);
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  let body = "";
  let closed: Promise<void> = Promise.resolve();
  if (response.headers.get("content-type")?.startsWith("text/event-stream") && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    closed = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: Frame = { event: "message" };
          let comment = true;
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            comment = false;
            const at = line.indexOf(":");
            const [field, value] = at < 0 ? [line, ""] : [line.slice(0, at), line.slice(at + 1).replace(/^ /, "")];
            if (field === "id") frame.id = value;
            else if (field === "event") frame.event = value;
            else if (field === "data") frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
            else if (field === "retry") frame.event = "retry";
          }
          frames.push(comment ? { event: "comment" } : frame);
          waiters.forEach((wake) => wake());
        }
      }
    })();
  } else {
    body = await response.text();
  }
  const until: Stream["until"] = (match, ms = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = frames.find(match);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(frames.slice(-5))}`));
      }, ms);
      if (!check()) waiters.add(check);
    });
  return {
    status: response.status,
    body,
    frames,
    notices: () => frames.filter((frame) => frame.event === "message" && frame.data).map((frame) => JSON.parse(frame.data!) as Notice),
    until,
    close: () => abort.abort(),
    closed,
  };
}

export const noticeWith = (seq: number) => (frame: Frame) => frame.event === "message" && !!frame.data && (JSON.parse(frame.data) as Notice).seq >= seq;
