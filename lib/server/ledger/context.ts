import "server-only";
import { sql, type Db, type Sql } from "@/lib/server/sql";
import type { LocationPolicy, OrderLineDocument, PlanContext, PoDocument, ReversalTarget } from "@/lib/domain/plan";
import type { LaterMoves } from "@/lib/domain/plan/types";
import { dayEnd, dayOf, dayStart, periodClosed, periodOf } from "@/lib/domain/periods";
import { defaultLocationPolicy } from "@/lib/domain/policy";
import { balanceRow, positionKey, type BalanceRow } from "@/lib/domain/positions";
import type { Role } from "@/lib/domain/roles";
import { CHANNEL_STATES, isState } from "@/lib/domain/states";
import { findSku, type Refs, type SkuRef } from "./refs";
import { costColumn, costRead, parseCost, type CostArgs } from "./cost-context";

type PositionTuple = [location: string, state: string, bin: string, doc: string | null, channel: string];

type ContextRow = {
  closed: string | null;
  balances: [...PositionTuple, number][];
  policies: [location: string, safetyStock: number, inspectionLeadDays: number, writeOffValue: string, countVarianceUnits: number][];
  fences: [location: string, channel: string, qty: number][];
  docs: { kind: string; ref: string; location_id: string; channel_id: string | null; eta: string | null; fob: string | null; unit_cost: string | null }[];
  cost: Parameters<typeof parseCost>[2];
  later: [...PositionTuple, number, string][];
  today: [writeoffQty: number, countUnits: number, writeoffValue: string] | null;
  reversed: boolean | null;
};

/** A SKU's id and costing method never change: a SKU is looked up once, then only locked. */
export async function knownSku(tx: Db, code: string): Promise<SkuRef> {
  const key = `${tx.key}|${code}`;
  let sku = skuCache.get(key);
  if (!sku) {
    sku = await findSku(tx, code);
    skuCache.set(key, sku);
  }
  return sku;
}

/**
 * Locks the SKU. Every write to one SKU is serialised by this lock, so the
 * read-check-write of a move (ATP, fences, order lines) cannot interleave; events
 * of other SKUs run in parallel. The shared period lock lets a period close wait
 * for in-flight events.
 */
export async function lockSku(tx: Db, sku: SkuRef): Promise<void> {
  await tx.query(sql`SELECT pg_advisory_xact_lock_shared(1), pg_advisory_xact_lock(hashtextextended(${sku.id}, 7))`);
}

/**
 * Locks the SKU and reads the planner's context in one round trip: both statements
 * leave together (the pool pipelines), and PostgreSQL runs the read only once the
 * lock is held, so what it reads cannot change before the write.
 */
export async function lockAndLoad(tx: Db, refs: Refs, sku: SkuRef, args: ContextArgs): Promise<PlanContext> {
  const [, ctx] = await Promise.all([lockSku(tx, sku), loadPlanContext(tx, refs, sku, args)]);
  return ctx;
}

const skuCache = new Map<string, SkuRef>();

const CHANNELLED = [...CHANNEL_STATES];

export type ContextArgs = {
  /** The clock the plan is decided by. */
  now: Date;
  locationId?: string;
  occurredAt: Date;
  po?: string;
  orderLine?: string;
  actor: { id: string; role: Role };
  /** Set for events that can change value: the documents and reversed rows whose costs they read. */
  cost?: CostArgs;
  /** Only write-offs and counts look at what the requester posted today. */
  needsToday: boolean;
  reversal?: Omit<ReversalTarget, "reversed" | "poolOut">;
};

/**
 * What one read learns of a SKU, for one event or for several posted one after
 * another (a batch): the bounded balances (every internal position, and what the
 * named order lines left at the customer), policies, the named documents, the
 * cost state, later moves and today's totals.
 */
export type SkuState = {
  balances: BalanceRow[];
  policies: Record<string, LocationPolicy>;
  pos: Map<string, PoDocument>;
  orderLines: Map<string, OrderLineDocument>;
  cost: ReturnType<typeof parseCost>;
  later: Record<string, LaterMoves>;
  today: PlanContext["today"];
  reversed: boolean;
};

/**
 * What the read covers: every PO and order line of the events it serves; the rest as for one event.
 * `othersSummed`: see `OTHER_ORDER_LINES`.
 */
export type StateArgs = Omit<ContextArgs, "po" | "orderLine" | "now"> & { pos: string[]; orderLines: string[]; othersSummed?: boolean };

/**
 * The doc of a position that stands for the units of every order line a chain's read
 * did not name (chain.ts), summed per location, state, bin and channel. A chain only
 * moves units of the order lines its events name, and what it checks of the others is
 * their sum (a channel's committed units, in ATP and its fences). Read one by one, the
 * read and every chained event's planning grew with the SKU's open order lines: one
 * importer's batches over 32 SKUs slowed from 11,700 events/s to 7,600 once each SKU
 * held about 250 open lines, and to 8,900 with them summed.
 * No order line can be named so: NUL is refused in every input (lib/domain/nul.ts).
 */
export const OTHER_ORDER_LINES = "\u0000other order lines";

/** Everything the planner reads, in one round trip, taken after the SKU's lock. */
export async function loadPlanContext(tx: Db, refs: Refs, sku: SkuRef, args: ContextArgs): Promise<PlanContext> {
  const state = await loadSkuState(tx, refs, sku, { ...args, pos: args.po ? [args.po] : [], orderLines: args.orderLine ? [args.orderLine] : [] });
  return planContext(state, refs, sku, args);
}

/** The SKU's state as `loadPlanContext` reads it, for any number of documents; refused if the event's period, or any after it, is closed. */
export async function loadSkuState(tx: Db, refs: Refs, sku: SkuRef, args: StateArgs): Promise<SkuState> {
  const day = dayOf(args.occurredAt);
  const [row] = await tx.query<ContextRow>(sql`
    SELECT
      (SELECT max(period) FROM period WHERE period >= ${periodOf(args.occurredAt)}) AS closed,
      ${stateColumns(sku.id, args.orderLines, args.pos, args.occurredAt, args.othersSummed ?? false)},
      ${costColumn(sku.id, args.cost)},
      (SELECT json_build_array(coalesce(sum(e.qty) FILTER (WHERE e.type = 'writeoff'), 0), coalesce(sum(e.qty) FILTER (WHERE e.type = 'count'), 0),
                               coalesce(sum(w.value), 0)::text)
         FROM ledger_event e
         LEFT JOIN LATERAL (SELECT sum(debit - credit) AS value FROM journal_line j
                             WHERE j.seq = e.seq AND j.account = 'writeoff_expense') w ON e.type = 'writeoff'
        WHERE ${args.needsToday}::boolean AND e.sku_id = ${sku.id}::uuid AND e.actor_id = ${args.actor.id}::uuid AND e.approval_id IS NULL
          AND e.type IN ('writeoff', 'count') AND e.from_state IS NOT NULL AND e.location_id = ${args.locationId ?? null}::uuid
          AND e.occurred_at >= ${dayStart(day)} AND e.occurred_at < ${dayEnd(day)}) AS today,
      (SELECT EXISTS (SELECT 1 FROM reversal WHERE group_id = ${args.reversal?.group ?? null}::uuid)) AS reversed`);
  if (row.closed) throw periodClosed(periodOf(args.occurredAt), row.closed);
  return toSkuState(refs, sku, row);
}

/** What a chain of events of one SKU reads (chain.ts): the documents they name, from the first one's moment; nothing of today or of a reversal. */
export type ChainRead = { refs: Refs; sku: SkuRef; occurredAt: Date; pos: string[]; orderLines: string[]; costDocs: string[] | null };

/**
 * `loadSkuState` for several SKUs' chains in one statement, one row per SKU.
 * A SKU whose read fails a rule (its period, or a later one, closed) comes back null: its chain
 * reads again on its own and meets that refusal as its event's.
 */
export async function loadSkuStates(tx: Db, reads: ChainRead[]): Promise<(SkuState | null)[]> {
  if (!reads.length) return [];
  const args = reads.map((read, i) => ({
    i, sku_id: read.sku.id, period: periodOf(read.occurredAt), after: read.occurredAt.toISOString(),
    pos: read.pos, order_lines: read.orderLines, cost_docs: read.costDocs ?? [], valued: read.costDocs !== null,
  }));
  const rows = await tx.query<ContextRow & { i: number }>(sql`
    SELECT x.i,
      (SELECT max(period) FROM period WHERE period >= x.period) AS closed,
      ${stateColumns(sql`x.sku_id`, sql`x.order_lines`, sql`x.pos`, sql`x.after`, true)},
      CASE WHEN x.valued THEN ${costRead(sql`x.sku_id`, sql`x.cost_docs`, sql`'{}'`)} END AS cost,
      NULL::json AS today, false AS reversed
    FROM jsonb_to_recordset(${JSON.stringify(args)}::jsonb)
      AS x(i int, sku_id uuid, period text, after timestamptz, pos text[], order_lines text[], cost_docs text[], valued boolean)`);
  const states: (SkuState | null)[] = reads.map(() => null);
  for (const row of rows) {
    if (!row.closed) states[row.i] = toSkuState(reads[row.i].refs, reads[row.i].sku, row);
  }
  return states;
}

/** The columns every read of a SKU's state has: balances, policies, fences, the named documents, later moves. Each argument is a value or a column. */
function stateColumns(skuId: string | Sql, orderLines: string[] | Sql, pos: string[] | Sql, after: Date | Sql, othersSummed: boolean) {
  const internal = othersSummed
    ? sql`
         SELECT location_id, state, bin, doc, channel_id, sum(qty)::int AS qty FROM (
           SELECT location_id, state, bin, channel_id, qty,
                  CASE WHEN state IN ('RESERVED', 'PICKED', 'PACKED') AND doc <> ALL(${orderLines}::text[]) THEN NULL ELSE doc END AS doc
             FROM ledger_positions(${skuId}::uuid)) p
          GROUP BY location_id, state, bin, doc, channel_id`
    : sql`
         SELECT location_id, state, bin, doc, channel_id, qty FROM ledger_positions(${skuId}::uuid)`;
  return sql`
      (SELECT coalesce(json_agg(json_build_array(location_id, state, bin, doc, channel_id, qty)), '[]') FROM (${internal}
         UNION ALL
         SELECT location_id, state, bin, doc, channel_id, qty FROM balance
          WHERE sku_id = ${skuId}::uuid AND state = 'CUSTOMER' AND doc <> '' AND doc = ANY(${orderLines}::text[]) AND qty <> 0) b) AS balances,
      (SELECT coalesce(json_agg(json_build_array(location_id, safety_stock, inspection_lead_days, write_off_value::text, count_variance_units)), '[]')
         FROM sku_policy WHERE sku_id = ${skuId}::uuid) AS policies,
      (SELECT coalesce(json_agg(json_build_array(a.location_id, c.code, a.qty)), '[]')
         FROM channel_allocation a JOIN channel c ON c.id = a.channel_id WHERE a.sku_id = ${skuId}::uuid) AS fences,
      (SELECT coalesce(json_agg(d), '[]') FROM (SELECT kind, ref, location_id, channel_id, eta, fob, unit_cost::text FROM document
         WHERE sku_id = ${skuId}::uuid AND ((kind = 'po' AND ref = ANY(${pos}::text[])) OR (kind = 'order_line' AND ref = ANY(${orderLines}::text[])))) d) AS docs,
      ${laterMoves(skuId, after)} AS later`;
}

function toSkuState(refs: Refs, sku: SkuRef, row: ContextRow): SkuState {
  const location = (id: string) => refs.locationCodeById.get(id) ?? id;
  const channel = (id: string | null) => (id ? (refs.channelCodeById.get(id) ?? id) : "");
  const toPosition = ([loc, state, bin, doc, channelId]: PositionTuple) =>
    isState(state) ? { location: location(loc), state, bin, doc: doc ?? OTHER_ORDER_LINES, channel: channel(channelId) } : null;
  const balances: BalanceRow[] = row.balances.flatMap(([loc, state, bin, doc, channelId, qty]) => {
    const pos = toPosition([loc, state, bin, doc, channelId]);
    return pos ? [balanceRow(pos, qty)] : [];
  });
  const later: Record<string, LaterMoves> = {};
  for (const [loc, state, bin, doc, channelId, arriving, until] of row.later) {
    const pos = toPosition([loc, state, bin, doc, channelId]);
    if (pos) later[positionKey(pos)] = { arriving, until: new Date(until).toISOString() };
  }
  const policies: Record<string, LocationPolicy> = {};
  for (const [loc, safetyStock, inspectionLeadDays, writeOffValue, countVarianceUnits] of row.policies) {
    policies[location(loc)] = { safetyStock, inspectionLeadDays, writeOffValue, countVarianceUnits, fences: {} };
  }
  for (const [loc, channelCode, qty] of row.fences) {
    (policies[location(loc)] ??= defaultLocationPolicy()).fences[channelCode] = qty;
  }
  const pos = new Map<string, PoDocument>();
  const orderLines = new Map<string, OrderLineDocument>();
  for (const doc of row.docs) {
    if (doc.kind === "po") pos.set(doc.ref, { location: location(doc.location_id), eta: doc.eta ? new Date(doc.eta) : null, fob: doc.fob, unitCost: doc.unit_cost });
    else orderLines.set(doc.ref, { location: location(doc.location_id), channel: channel(doc.channel_id) });
  }
  return {
    balances,
    policies,
    pos,
    orderLines,
    cost: parseCost(refs, sku, row.cost),
    later,
    today: { writeoffQty: row.today?.[0] ?? 0, countUnits: row.today?.[1] ?? 0, writeoffValue: row.today?.[2] ?? "0.00" },
    reversed: Boolean(row.reversed),
  };
}

/** One event's view of the SKU's state: its location's policy, its documents, and only its own order line's units at the customer. */
export function planContext(state: SkuState, refs: Refs, sku: SkuRef, args: Omit<ContextArgs, "cost" | "needsToday">): PlanContext {
  const here = args.locationId ? (refs.locationCodeById.get(args.locationId) ?? args.locationId) : undefined;
  const balances = state.balances.filter((row) => row.qty !== 0 && (row.state !== "CUSTOMER" || (row.doc !== "" && row.doc === args.orderLine)));
  return {
    now: args.now,
    occurredAt: args.occurredAt,
    actorRole: args.actor.role,
    balances,
    policy: (here && state.policies[here]) || defaultLocationPolicy(),
    policies: state.policies,
    channels: [...refs.channelIdByCode.keys()],
    costingMethod: sku.costingMethod,
    cost: state.cost?.state ?? null,
    po: (args.po && state.pos.get(args.po)) || null,
    orderLine: (args.orderLine && state.orderLines.get(args.orderLine)) || null,
    later: state.later,
    today: state.today,
    reversal: args.reversal
      ? { ...args.reversal, reversed: state.reversed, poolOut: args.reversal.seqs.map((seq) => state.cost?.restore.get(seq) ?? 0n) }
      : null,
  };
}

/**
 * For each position that events dated after `after` feed, the most units they
 * bring in, net, counted from some later moment on: the position held that many
 * fewer at that moment than it holds now. Empty (and cheap, through the
 * (sku_id, occurred_at) index) for an event dated now.
 */
function laterMoves(skuId: string | Sql, after: Date | Sql) {
  const side = (prefix: "from" | "to") => {
    const loc = prefix === "from" ? sql`location_id` : sql`to_location_id`;
    const state = prefix === "from" ? sql`from_state` : sql`to_state`;
    const rest = prefix === "from" ? sql`from_bin, from_doc` : sql`to_bin, to_doc`;
    const sign = prefix === "from" ? sql`-qty` : sql`qty`;
    return sql`
      SELECT seq, occurred_at, ${loc}, ${state}, ${rest},
             CASE WHEN ${state} = ANY(${CHANNELLED}::text[]) THEN coalesce(channel_id::text, '') ELSE '' END, ${sign}
        FROM ledger_event WHERE sku_id = ${skuId}::uuid AND (sku_id, occurred_at) > (${skuId}::uuid, ${after}::timestamptz) AND coalesce(${state}, '') <> '' AND occurred_at > ${after}`;
  };
  return sql`(SELECT coalesce(json_agg(json_build_array(location_id, state, bin, doc, channel, arriving, until)), '[]') FROM (
      SELECT location_id, state, bin, doc, channel, max(suffix) AS arriving, (array_agg(occurred_at ORDER BY suffix DESC, occurred_at))[1] AS until
        FROM (SELECT location_id, state, bin, doc, channel, occurred_at,
                     sum(delta) OVER (PARTITION BY location_id, state, bin, doc, channel ORDER BY occurred_at DESC, seq DESC) AS suffix
                FROM (${side("from")} UNION ALL ${side("to")}) AS m(seq, occurred_at, location_id, state, bin, doc, channel, delta)) s
       GROUP BY location_id, state, bin, doc, channel HAVING max(suffix) > 0) l)`;
}
