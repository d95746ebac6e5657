import "server-only";
import type { Role } from "@/lib/domain/roles";
import { db } from "@/lib/server/sql";
import { groupsAfter, lastSeq } from "./catch-up";
import { hub } from "./hub";
import { noticeFor, type LiveNotice } from "./notice";

export type StreamOptions = {
  role: Role;
  /** Only these SKU codes; null: every SKU (and, for finance, groups about none). */
  skus: ReadonlySet<string> | null;
  /** Replay every group committed after this seq first (Last-Event-ID or ?after=). */
  after: number | null;
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** The stream ends after this long; the browser reconnects with Last-Event-ID and is authenticated anew. */
  lifetimeMs?: number;
};

/** Ledger rows a reconnect replays at most; further behind, the client is told to refetch everything. */
const CATCH_UP_ROWS = 5_000;
/** Events queued for a reader that does not read: beyond this it is cut off and catches up on reconnect. */
const MAX_QUEUED = 5_000;
const encoder = new TextEncoder();

/**
 * A server-sent-events stream of committed ledger groups. Subscribes first, then
 * replays from ledger_event what committed after `after`, then passes on live
 * notices, skipping those the replay already sent: no gap and no duplicate at the
 * seam. A message's `id` is the highest seq the stream has sent: its group's last
 * seq, unless a group that took a lower seq commits later (another SKU's), so
 * that a reconnect's Last-Event-ID never replays what was already sent.
 */
export async function liveStream(options: StreamOptions): Promise<ReadableStream<Uint8Array>> {
  const waiting: LiveNotice[] = [];
  let deliver: ((notice: LiveNotice) => void) | null = null;
  const unsubscribe = await hub().subscribe((notice) => (deliver ? deliver(notice) : waiting.push(notice)));
  let stop = () => unsubscribe();

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const timers: NodeJS.Timeout[] = [];
      let ended = false;
      stop = () => {
        if (ended) return;
        ended = true;
        unsubscribe();
        timers.forEach(clearTimeout);
        options.signal?.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // Already closed or cancelled by the reader.
        }
      };
      const write = (text: string) => {
        if (ended) return;
        // A reader that does not read is cut off; it catches up when it reconnects.
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return stop();
        controller.enqueue(encoder.encode(text));
      };
      const sent = new Set<number>();
      let cursor = options.after ?? 0;
      const send = (notice: LiveNotice, replay: boolean) => {
        if (!replay && sent.has(notice.seq)) return;
        if (options.skus && (notice.sku === null || !options.skus.has(notice.sku))) return;
        const shown = noticeFor(options.role, notice);
        if (!shown) return;
        if (replay) sent.add(notice.seq);
        cursor = Math.max(cursor, notice.seq);
        write(`id: ${cursor}\ndata: ${JSON.stringify(shown)}\n\n`);
      };
      options.signal?.addEventListener("abort", stop);
      if (options.signal?.aborted) return stop();

      try {
        write("retry: 2000\n\n");
        if (options.after !== null) {
          const { notices, complete } = await groupsAfter(db, options.after, { limit: CATCH_UP_ROWS, skus: options.skus ? [...options.skus] : undefined });
          for (const notice of notices) send(notice, true);
          if (!complete) {
            // Too far behind to replay: the client refetches what it shows and goes on from now.
            cursor = Math.max(cursor, await lastSeq(db));
            write(`id: ${cursor}\nevent: reset\ndata: ${JSON.stringify({ seq: cursor })}\n\n`);
          }
        } else {
          cursor = await lastSeq(db);
        }
        // The instant the stream starts from; its id is where a reconnect resumes.
        write(`id: ${cursor}\nevent: ready\ndata: ${JSON.stringify({ seq: cursor })}\n\n`);
      } catch (error) {
        console.error("[live] catch-up failed", error);
        return stop();
      }
      for (const notice of waiting.splice(0)) send(notice, false);
      deliver = (notice) => send(notice, false);
      const beat = () => {
        write(": ping\n\n");
        timers[0] = setTimeout(beat, options.heartbeatMs ?? 15_000);
      };
      timers[0] = setTimeout(beat, options.heartbeatMs ?? 15_000);
      timers[1] = setTimeout(stop, options.lifetimeMs ?? 10 * 60_000);
    },
    cancel() {
      stop();
    },
  });
}
