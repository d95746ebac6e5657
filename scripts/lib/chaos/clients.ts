// The chaos run's clients: each posts reservations, releases and small batches over
// HTTP, one request at a time, each with its own Idempotency-Key and a reference
// that names it in the ledger. A request without an answer (the app or the database
// died under it, or a 503) is sent again with the same key and body until it is
// answered, or now and then abandoned, as a client that gave up would. After each
// restart every client sends its last acknowledged request again and expects the
// very same answer back.
import { demoUser } from "../../../prisma/demo-users.ts";
import { BINS, CHANNEL, clientSku, HOT_SKU, LOCATION, UNITS_PER_BIN } from "./fixture.ts";
import type { Random } from "./random.ts";

export type AckedGroup = { group: string; seqs: number[] };

export type Posting = {
  key: string;
  token: string;
  path: "/api/v1/events" | "/api/v1/events/batch";
  body: Record<string, unknown>;
  /** One reference per event, in order: how the ledger rows are found again. */
  refs: string[];
  /** pending → acked (201/202), refused (a definite 4xx: nothing written), or abandoned (never answered). */
  state: "pending" | "acked" | "refused" | "abandoned";
  status?: number;
  groups?: AckedGroup[];
  attempts: number;
  /** The reservations it makes: order line, SKU and quantity. */
  reserves: Reservation[];
};

type Reservation = { orderLine: string; sku: string; qty: number };

export type RoundStats = {
  posted: number;
  attempts: number;
  acked: number;
  refused: number;
  retried: number;
  unavailable: number;
  dropped: number;
  abandoned: number;
  serverErrors: number;
  replays: number;
};

export const emptyStats = (): RoundStats => ({ posted: 0, attempts: 0, acked: 0, refused: 0, retried: 0, unavailable: 0, dropped: 0, abandoned: 0, serverErrors: 0, replays: 0 });

/** What the controller tells the clients: where the app listens, the round, and when to stop. */
export type Control = {
  port: number;
  round: number;
  /** run: post new requests; drain: only finish what is unanswered; stop: return at once. */
  phase: "run" | "drain" | "stop";
  /** Bumped after each restart: every client then replays its last acknowledged request. */
  restarts: number;
  stats: RoundStats[];
  failures: string[];
};

const ABANDON_CHANCE = 0.1;
const MAX_RETRY_AFTER_S = 3;
const REQUEST_TIMEOUT_MS = 15_000;

type Answer = { kind: "answer"; status: number; headers: Headers; body: Record<string, unknown> } | { kind: "dropped"; reason: string };

async function send(port: number, posting: Pick<Posting, "key" | "token" | "path" | "body">): Promise<Answer> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${posting.path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${posting.token}`, "idempotency-key": posting.key, "content-type": "application/json" },
      body: JSON.stringify(posting.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsed: text.slice(0, 200) };
    }
    return { kind: "answer", status: response.status, headers: response.headers, body };
  } catch (error) {
    // The connection was refused, reset or timed out: whether the request was applied is unknown.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "dropped", reason: cause?.code ?? cause?.message ?? String(error) };
  }
}

type EventAnswer = { group?: unknown; events?: { seq?: unknown }[] };

/** The groups an acknowledgement names: one for an event, one per event for a batch. */
export function groupsOf(path: Posting["path"], body: Record<string, unknown>): AckedGroup[] | null {
  const answers = (path === "/api/v1/events" ? [body] : (body.results as EventAnswer[] | undefined) ?? []) as EventAnswer[];
  const groups = answers.map((answer) =>
    typeof answer.group === "string" && Array.isArray(answer.events) && answer.events.every((e) => typeof e.seq === "number")
      ? { group: answer.group, seqs: answer.events.map((e) => e.seq as number) }
      : null,
  );
  return groups.every((group) => group !== null) ? (groups as AckedGroup[]) : null;
}

const sameGroups = (a: AckedGroup[] | undefined, b: AckedGroup[] | null) =>
  JSON.stringify(a) === JSON.stringify(b);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs client `index` until the controller says stop (or, draining, until nothing is left unanswered). */
export async function runClient(index: number, run: string, rng: Random, control: Control, postings: Posting[]): Promise<void> {
  // Half the clients act as one sales user and half as the other: keys are per user.
  const token = demoUser("sales", index % 2 === 1).token;
  const ownSku = clientSku(index);
  const held: Reservation[] = [];
  // Units of the own SKU that an abandoned request may hold (or failed to give back): its
  // reservations leave room for them, so that they are seldom refused for want of stock.
  let ownLost = 0;
  let counter = 0;
  let current: Posting | null = null;
  let lastAcked: Posting | null = null;
  let replayedAt = control.restarts;
  const stats = () => control.stats[control.round];
  const fail = (what: string) => control.failures.push(`client ${index}: ${what}`);

  const nextPosting = (): Posting => {
    const key = `chaos-${run}-c${index}-${++counter}`;
    const reserve = (sku: string, qty: number, ref: string): Reservation & { event: Record<string, unknown> } => {
      const orderLine = `SO-${ref}`;
      return { orderLine, sku, qty, event: { type: "reserve", sku, qty, location: LOCATION, channel: CHANNEL, orderLine, reference: ref } };
    };
    const ownHeld = held.filter((r) => r.sku === ownSku).reduce((sum, r) => sum + r.qty, 0);
    const roll = rng.next();
    if (held.length >= 4 || (held.length > 0 && roll < 0.35)) {
      const line = held.shift()!;
      const event = { type: "release", sku: line.sku, qty: line.qty, location: LOCATION, orderLine: line.orderLine, reference: key };
      return { key, token, path: "/api/v1/events", body: event, refs: [key], state: "pending", attempts: 0, reserves: [] };
    }
    if (roll > 0.85) {
      const parts = Array.from({ length: rng.int(2, 6) }, (_, i) => reserve(rng.next() < 0.3 ? HOT_SKU : ownSku, rng.int(1, 10), `${key}.${i}`));
      return {
        key, token, path: "/api/v1/events/batch", body: { events: parts.map((p) => p.event) }, refs: parts.map((p) => p.event.reference as string),
        state: "pending", attempts: 0, reserves: parts.map(({ orderLine, sku, qty }) => ({ orderLine, sku, qty })),
      };
    }
    // Up to 300 of the client's own units, which lie 200 to a bin: a larger
    // reservation takes from two bins (two legs in one group).
    const room = UNITS_PER_BIN * BINS.length - ownHeld - ownLost - 50;
    const hot = roll < 0.2 || room < 1;
    const qty = hot ? rng.int(1, 5) : Math.min(rng.int(1, 300), room);
    const part = reserve(hot ? HOT_SKU : ownSku, qty, key);
    return { key, token, path: "/api/v1/events", body: part.event, refs: [key], state: "pending", attempts: 0, reserves: [{ orderLine: part.orderLine, sku: part.sku, qty }] };
  };

  /** Another request with the same key as an acknowledged one must answer exactly what it answered. */
  const replay = async (posting: Posting): Promise<boolean> => {
    const answer = await send(control.port, posting);
    if (answer.kind === "dropped" || answer.status === 503) return false;
    stats().replays++;
    const groups = groupsOf(posting.path, answer.body);
    if (answer.status !== posting.status || !sameGroups(posting.groups, groups) || answer.headers.get("idempotent-replayed") !== "true") {
      fail(`replay of ${posting.key} answered ${answer.status} ${JSON.stringify(groups)}, first ${posting.status} ${JSON.stringify(posting.groups)}`);
    }
    return true;
  };

  while (control.phase !== "stop") {
    if (lastAcked && replayedAt < control.restarts) {
      if (await replay(lastAcked)) replayedAt = control.restarts;
      else await pause(200);
      continue;
    }
    if (!current) {
      if (control.phase !== "run") return;
      current = nextPosting();
      postings.push(current);
      stats().posted++;
    }
    const posting: Posting = current;
    if (posting.attempts > 0) stats().retried++;
    posting.attempts++;
    stats().attempts++;
    const answer = await send(control.port, posting);
    if (answer.kind === "answer" && (answer.status === 201 || answer.status === 202)) {
      const groups = groupsOf(posting.path, answer.body);
      if (!groups) fail(`${posting.key} acknowledged without its groups: ${JSON.stringify(answer.body).slice(0, 300)}`);
      Object.assign(posting, { state: "acked", status: answer.status, groups: groups ?? [] });
      held.push(...posting.reserves);
      lastAcked = posting;
      current = null;
      stats().acked++;
      continue;
    }
    if (answer.kind === "answer" && answer.status === 409 && answer.body.code === "insufficient_quantity") {
      // A definite refusal (another client's or an abandoned reservation took the units): nothing is written.
      Object.assign(posting, { state: "refused", status: 409 });
      current = null;
      stats().refused++;
      continue;
    }
    if (answer.kind === "answer" && answer.status === 503) {
      stats().unavailable++;
      const retryAfter = Number(answer.headers.get("retry-after"));
      const type = String(answer.body.type ?? "");
      if (!(retryAfter > 0) || !type.endsWith("/unavailable") || !answer.headers.get("content-type")?.includes("problem+json")) {
        fail(`503 without a retry hint or the unavailable problem: retry-after ${answer.headers.get("retry-after")}, ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
      await pause(Math.min(retryAfter > 0 ? retryAfter : 1, MAX_RETRY_AFTER_S) * 1000);
    } else if (answer.kind === "dropped") {
      stats().dropped++;
      await pause(rng.int(100, 500));
    } else {
      // A 500 (never expected: an outage answers 503) or a refusal no request of ours should meet.
      if (answer.status >= 500) stats().serverErrors++;
      fail(`${posting.key} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      if (answer.status < 500) {
        Object.assign(posting, { state: "refused", status: answer.status });
        current = null;
        continue;
      }
      await pause(500);
    }
    // Unanswered. Most clients try again with the same key; now and then one gives up.
    if (control.phase === "run" && rng.next() < ABANDON_CHANCE) {
      posting.state = "abandoned";
      const event = posting.body as { type?: string; sku?: string; qty?: number };
      const released = event.type === "release" && event.sku === ownSku ? (event.qty ?? 0) : 0;
      ownLost += released + posting.reserves.filter((r) => r.sku === ownSku).reduce((sum, r) => sum + r.qty, 0);
      stats().abandoned++;
      current = null;
    }
  }
}
