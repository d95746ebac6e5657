// A year of business, month by month: each SKU's world plays the month on its own
// clock while `concurrency` workers post for different SKUs at once (one SKU's
// events stay in order). At each month's end the waiting requests are settled, the
// month is closed through the service (timed), and every identity of every SKU is
// checked as of the month's end, in the background while the next month posts.
import { randomUUID } from "node:crypto";
import { periodOf } from "../../../lib/domain/periods.ts";
import { DAY, HOUR, MINUTE } from "../../../prisma/demo-history/calendar.ts";
import { PEOPLE } from "../../../prisma/demo-history/cast.ts";
import type { SimSku } from "./catalogue.ts";
import { eachLimited } from "./pool.ts";
import { Poster } from "./poster.ts";
import type { ProgressState } from "./progress.ts";
import { checkMonth, isClean, type MonthCheck } from "./reconcile.ts";
import type { Server } from "./server.ts";
import { World } from "./world.ts";

export type SimOptions = { skus: number; events: number; seed: number; months: number; concurrency: number };

export type MonthResult = {
  period: string;
  events: number;
  refused: number;
  approvals: number;
  postSeconds: number;
  close: { ms: number; error: string | null };
  check: MonthCheck | null;
};

export type SimResult = {
  options: SimOptions;
  months: MonthResult[];
  poster: Poster;
  seconds: number;
  /** Requests still waiting at the end (asked late in the last month). */
  waiting: number;
  ok: boolean;
};

export type Hooks = {
  progress?: (state: ProgressState) => void;
  /** After a month closes and before it is checked: tests break an identity here. */
  afterClose?: (period: string) => Promise<void>;
  /** The result as it grows, for a summary of what ran if the run is interrupted. */
  started?: (live: SimResult) => void;
};

/** Events an order line brings on average (reserve to delivery, returns, its share of purchasing), and a SKU-month's floor work. */
const EVENTS_PER_LINE = 5.4;
const FLOOR_EVENTS_PER_MONTH = 14;
/** SKUs a month-end check reads at once, beside the next month's posting. */
const CHECKERS = 4;

/** The `months` calendar months before the current one (UTC): all ended, so each can be closed. */
export function simulatedMonths(months: number, now = new Date()): { start: number; end: number; period: string }[] {
  return Array.from({ length: months }, (_, i) => {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + i, 1);
    const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + i + 1, 1);
    return { start, end, period: periodOf(new Date(start)) };
  });
}

export async function simulate(server: Server, skus: readonly SimSku[], options: SimOptions, hooks: Hooks = {}): Promise<SimResult> {
  const began = performance.now();
  const poster = new Poster(server, randomUUID().slice(0, 8));
  const worlds = skus.map((sku) => new World(sku, poster, options.seed));
  const codes = skus.map((sku) => sku.code);
  const months: MonthResult[] = [];
  const live: SimResult = { options, months, poster, seconds: 0, waiting: 0, ok: false };
  const elapsed = () => (performance.now() - began) / 1000;
  Object.defineProperty(live, "seconds", { get: elapsed, enumerable: true });
  hooks.started?.(live);
  let period = "";
  let phase = "";
  const tick = () => hooks.progress?.({ posted: poster.posted, refused: poster.refused, target: options.events, period, phase, elapsedMs: performance.now() - began });
  const timer = hooks.progress ? setInterval(tick, 250) : null;
  // Corrects the order rate by what each month actually came to.
  let correction = 1;
  let checking: Promise<void> = Promise.resolve();
  try {
    const calendar = simulatedMonths(options.months);
    // A ledger that ran through these months had each one's partition made ahead of it
    // (lib/server/sql.ts keeps two months ahead); made now, before any of their events.
    await server.db.query(server.sql`SELECT ledger_event_add_partitions(${new Date(calendar[0].start)}, ${calendar.length})`);
    for (const [index, month] of calendar.entries()) {
      period = month.period;
      const before = { posted: poster.posted, refused: poster.refused, approvals: poster.approvals.requested };
      const perSku = (options.events - poster.posted) / (calendar.length - index) / skus.length;
      const days = (month.end - month.start) / DAY;
      const rate = Math.max(0.02, (correction * (perSku - FLOOR_EVENTS_PER_MONTH)) / (EVENTS_PER_LINE * days));
      for (const world of worlds) {
        world.setRate(rate);
        world.planMonth(month.start, month.end);
      }
      phase = "posting";
      const postBegan = performance.now();
      await eachLimited(worlds, options.concurrency, (world) => world.runUntil(month.end));
      phase = "settling";
      await eachLimited(worlds, options.concurrency, (world) => world.settle(month.end));
      const postSeconds = (performance.now() - postBegan) / 1000;

      phase = "closing";
      tick();
      const result: MonthResult = {
        period: month.period, events: 0, refused: poster.refused - before.refused, approvals: poster.approvals.requested - before.approvals, postSeconds,
        close: { ms: 0, error: null }, check: null,
      };
      // Closed on the 2nd of the next month, late afternoon, as finance would (never later than now).
      const closeAt = Math.min(month.end + DAY + 17 * HOUR, Date.now() - MINUTE);
      const closeBegan = performance.now();
      const closed = await poster.post(PEOPLE.felix, { type: "period.close", period: month.period, reason: `Month-end close of ${month.period}` }, closeAt);
      result.close.ms = performance.now() - closeBegan;
      if (closed.kind !== "posted") result.close.error = closed.kind === "refused" ? `${closed.code}: ${closed.message}` : "asked for approval";
      result.events = poster.posted - before.posted;
      months.push(result);
      const actual = (result.events - 1) / skus.length;
      if (actual > FLOOR_EVENTS_PER_MONTH && perSku > FLOOR_EVENTS_PER_MONTH) {
        correction = Math.min(4, Math.max(0.25, correction * ((perSku - FLOOR_EVENTS_PER_MONTH) / (actual - FLOOR_EVENTS_PER_MONTH))));
      }

      await hooks.afterClose?.(month.period);
      // One month's check at a time, each overlapping the next month's posting.
      const previous = checking;
      checking = previous.then(async () => {
        result.check = await checkMonth(server, month.period, codes, CHECKERS);
      });
      checking.catch(() => {});
    }
    phase = "checking";
    await checking;
  } finally {
    if (timer) clearInterval(timer);
    tick();
  }
  const ok = months.length === options.months && months.every((m) => m.close.error === null && m.check !== null && isClean(m.check));
  return { options, months, poster, seconds: elapsed(), waiting: worlds.reduce((n, w) => n + w.waiting, 0), ok };
}
