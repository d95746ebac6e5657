import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { clientDb } from "@/lib/server/sql";
import { groupsAfter, lastSeq } from "./catch-up";
import { LIVE_CHANNEL, parseNotice, type LiveNotice } from "./notice";

export type Subscriber = (notice: LiveNotice) => void;

/** How many group seqs the hub remembers to drop a notice it already fanned out (its own reconnect seam). */
const REMEMBERED = 10_000;
const CATCH_UP_ROWS = 20_000;
const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];

/**
 * One LISTEN connection per server process and database, fanned out in memory to
 * every open stream. A dedicated client (not the pool: LISTEN holds its session).
 * When it drops it reconnects with backoff and first replays, from ledger_event,
 * the groups after the last seq it saw, so subscribers miss nothing it can find.
 */
class Hub {
  private client: pg.Client | null = null;
  private readonly subscribers = new Set<Subscriber>();
  private readonly seen = new Set<number>();
  private readonly order: number[] = [];
  private last = 0;
  private attempt = 0;
  private closed = false;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(readonly url: string) {}

  /** Resolves once LISTEN is in place, so a commit after it reaches `subscriber`. */
  async subscribe(subscriber: Subscriber): Promise<() => void> {
    this.subscribers.add(subscriber);
    try {
      await this.ready();
    } catch (error) {
      this.subscribers.delete(subscriber);
      throw error;
    }
    return () => this.subscribers.delete(subscriber);
  }

  get size() {
    return this.subscribers.size;
  }

  private ready(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, options: "-c TimeZone=UTC", application_name: "concord-live" });
    // Until LISTEN is in place and the catch-up read, notices wait in order behind it.
    const held: LiveNotice[] = [];
    let holding = true;
    client.on("notification", (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      const notice = parseNotice(message.payload);
      if (!notice) return;
      if (holding) held.push(notice);
      else this.publish(notice);
    });
    client.on("error", (error) => this.dropped(client, error));
    client.on("end", () => this.dropped(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      const db = clientDb(client, this.url);
      if (this.last > 0) {
        // A reconnect: what committed while no one listened.
        const { notices, complete } = await groupsAfter(db, this.last, { limit: CATCH_UP_ROWS });
        if (!complete) console.warn(`[live] more than ${CATCH_UP_ROWS} ledger rows committed while reconnecting; streams replay from the ledger`);
        for (const notice of notices) this.publish(notice);
      } else {
        this.last = await lastSeq(db);
      }
      holding = false;
      for (const notice of held) this.publish(notice);
      this.client = client;
      this.attempt = 0;
    } catch (error) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      throw error;
    }
  }

  private dropped(client: pg.Client, error: Error) {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners("end");
    client.end().catch(() => {});
    if (this.closed) return;
    console.error("[live] LISTEN connection lost; reconnecting", error.message);
    this.schedule();
  }

  private schedule() {
    if (this.retry || this.closed) return;
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)];
    this.retry = setTimeout(() => {
      this.retry = null;
      this.ready().catch((error: unknown) => {
        console.error("[live] reconnect failed", error instanceof Error ? error.message : error);
        this.schedule();
      });
    }, delay);
    this.retry.unref();
  }

  private publish(notice: LiveNotice) {
    if (this.seen.has(notice.seq)) return;
    this.seen.add(notice.seq);
    this.order.push(notice.seq);
    if (this.order.length > REMEMBERED) this.seen.delete(this.order.shift()!);
    this.last = Math.max(this.last, notice.seq);
    for (const subscriber of this.subscribers) {
      try {
        subscriber(notice);
      } catch (error) {
        console.error("[live] subscriber failed", error);
      }
    }
  }

  async close() {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    this.subscribers.clear();
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
    }
  }

  /** For tests: breaks the connection as a network failure would. */
  breakConnection() {
    const client = this.client;
    if (client) this.dropped(client, new Error("broken on purpose"));
  }
}

const globalForHub = globalThis as unknown as { concordLiveHub?: Hub };

/** The process's hub for the configured database (one across hot reloads). */
export function hub(): Hub {
  const url = env().DATABASE_URL;
  if (globalForHub.concordLiveHub?.url !== url) {
    void globalForHub.concordLiveHub?.close();
    globalForHub.concordLiveHub = new Hub(url);
  }
  return globalForHub.concordLiveHub;
}

/** Ends the LISTEN connection (tests and scripts that drop their database). */
export async function closeHub(): Promise<void> {
  const current = globalForHub.concordLiveHub;
  globalForHub.concordLiveHub = undefined;
  await current?.close();
}
