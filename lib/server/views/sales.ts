import "server-only";
import { cookies } from "next/headers";
import { db as pooled, sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import { dayOf } from "@/lib/domain/periods";
import {
  atpBreakdown, atpCurve, atpInput, channelAvailability, channelCurve, DEFAULT_HORIZON_DAYS, promise,
  type ChannelAvailability, type ChannelPromise, type CurvePoint, type LocationSupply,
} from "@/lib/domain/sales/availability";
import { unconsumedFence } from "@/lib/domain/atp";
import { channelId, findSku, loadRefs, locationId } from "@/lib/server/ledger/refs";
import { skuPositions } from "./balances";
import { loadSupplies, servingLocations } from "./supply";

// Everything the sales screens and GET /api/v1/skus/{sku}/sales show, read through
// one module: the numbers are formulas from lib/domain/sales over the ledger's balances.

export const SALES_PAGE_SIZE = 25;
export const CHANNEL_COOKIE = "concord-channel";

export type ChannelOption = { code: string; name: string };

async function channelOptions(db: Db): Promise<ChannelOption[]> {
  return db.query<ChannelOption>(sql`SELECT code, name FROM channel ORDER BY code`);
}

/** The channel a rep chose last (a cookie), if it still exists. */
export async function readChosenChannel(): Promise<string | null> {
  return (await cookies()).get(CHANNEL_COOKIE)?.value ?? null;
}

export type SalesListRow = {
  sku: string;
  name: string;
  category: string;
  onHand: number;
  committed: number;
  atp: number;
  shortfall: number;
  incoming: number;
  nextIncoming: { date: string; qty: number } | null;
  overdueIncoming: number;
};

export type SalesList = { channel: string; channels: ChannelOption[]; rows: SalesListRow[]; page: number; pageSize: number; pageCount: number; total: number };

/** A page of SKUs with what each can promise on the channel; searched and paged in SQL. */
export async function salesList(args: { channel: string; q?: string; page?: number }, db: Db = pooled): Promise<SalesList> {
  const refs = await loadRefs(db, { channels: [args.channel] });
  channelId(refs, args.channel);
  const page = Math.max(1, Math.floor(args.page ?? 1));
  const pattern = `%${(args.q ?? "").trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [skus, channels, serving] = await Promise.all([
    db.query<{ id: string; code: string; name: string; category: string; total: number }>(sql`
      SELECT id::text, code, name, category, count(*) OVER ()::int AS total FROM sku
       WHERE code ILIKE ${pattern} OR name ILIKE ${pattern}
       ORDER BY code LIMIT ${SALES_PAGE_SIZE} OFFSET ${(page - 1) * SALES_PAGE_SIZE}`),
    channelOptions(db),
    servingLocations(db, refs),
  ]);
  const supplies = await loadSupplies(db, refs, skus.map((s) => s.id));
  const served = new Set(serving.get(args.channel) ?? []);
  const today = dayOf(new Date());
  const rows = skus.map((sku): SalesListRow => {
    const mine = (supplies.get(sku.id) ?? []).filter((s) => served.has(s.location));
    const view = channelAvailability(mine, args.channel, today);
    const upcoming = view.incoming.filter((item) => !item.overdue && item.availableOn !== null);
    const next = upcoming[0]?.availableOn ?? null;
    return {
      sku: sku.code,
      name: sku.name,
      category: sku.category,
      onHand: view.locations.reduce((total, l) => total + l.onHand, 0),
      committed: view.committed,
      atp: view.atp,
      shortfall: view.shortfall,
      incoming: upcoming.reduce((total, item) => total + item.qty, 0),
      nextIncoming: next ? { date: next, qty: upcoming.filter((item) => item.availableOn === next).reduce((t, i) => t + i.qty, 0) } : null,
      overdueIncoming: view.incoming.filter((item) => item.overdue).reduce((total, item) => total + item.qty, 0),
    };
  });
  const total = skus[0]?.total ?? (page > 1 ? (await countSkus(db, pattern)) : 0);
  return { channel: args.channel, channels, rows, page, pageSize: SALES_PAGE_SIZE, pageCount: Math.max(1, Math.ceil(total / SALES_PAGE_SIZE)), total };
}

async function countSkus(db: Db, pattern: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM sku WHERE code ILIKE ${pattern} OR name ILIKE ${pattern}`);
  return row.n;
}

export type Reservation = { orderLine: string; channel: string; location: string; state: "RESERVED" | "PICKED" | "PACKED"; qty: number; since: string; ageDays: number };

export type LocationSales = {
  location: string;
  curve: CurvePoint[];
  breakdown: ReturnType<typeof atpBreakdown>;
  safetyStock: number;
  inspectionLeadDays: number;
  fences: { channel: string; fence: number; committed: number; unconsumed: number }[];
};

export type SalesSkuView = {
  sku: { code: string; name: string; category: string; uom: string };
  channel: string;
  channels: ChannelOption[];
  asOf: string;
  asOfEvent: number;
  today: string;
  horizonDays: number;
  servedBy: string[];
  availability: ChannelAvailability;
  curve: CurvePoint[];
  locations: LocationSales[];
  reservations: Reservation[];
  promise: ChannelPromise | null;
};

/** One SKU on one channel: ATP now and by date, why it is lower than on hand, reservations and a promise. */
export async function salesSku(
  skuCode: string,
  args: { channel: string; location?: string; asOf?: Date; qty?: number; horizonDays?: number },
  db: Db = pooled,
): Promise<SalesSkuView> {
  const sku = await findSku(db, skuCode);
  const refs = await loadRefs(db, { channels: [args.channel], locations: [args.location] });
  channelId(refs, args.channel);
  if (args.location) locationId(refs, args.location);
  const asOf = args.asOf && args.asOf.getTime() < Date.now() ? args.asOf : undefined;
  const [positions, details, channels, serving, reservations] = await Promise.all([
    skuPositions(sku.code, { asOf, db }),
    db.query<{ name: string; category: string; uom: string }>(sql`SELECT name, category, uom FROM sku WHERE id = ${sku.id}::uuid`),
    channelOptions(db),
    servingLocations(db, refs),
    asOf ? Promise.resolve([]) : openReservations(db, sku.id),
  ]);
  const supplies = await loadSupplies(db, positions.refs, [sku.id], { at: positions.asOf, rows: new Map([[sku.id, positions.positions]]) });
  const servedBy = (serving.get(args.channel) ?? []).filter((location) => !args.location || location === args.location);
  if (args.location && !servedBy.length) {
    throw new DomainError("invalid_input", `${args.location} does not serve the ${args.channel} channel.`, { location: ["does not serve this channel"] });
  }
  const mine = servedBy.map((location) => (supplies.get(sku.id) ?? []).find((s) => s.location === location) ?? emptySupply(location));
  const today = dayOf(positions.asOf);
  const horizonDays = args.horizonDays ?? DEFAULT_HORIZON_DAYS;
  return {
    sku: { code: sku.code, ...details[0] },
    channel: args.channel,
    channels,
    asOf: positions.asOf.toISOString(),
    asOfEvent: positions.lastSeq,
    today,
    horizonDays,
    servedBy,
    availability: channelAvailability(mine, args.channel, today),
    curve: channelCurve(mine, args.channel, today, horizonDays),
    locations: mine.map((supply) => locationSales(supply, args.channel, today, horizonDays)),
    reservations: reservations.filter((r) => servedBy.includes(r.location) || r.channel === args.channel),
    promise: args.qty ? promise(mine, args.channel, args.qty, today, horizonDays) : null,
  };
}

function emptySupply(location: string): LocationSupply {
  return { location, states: {}, committed: {}, safetyStock: 0, inspectionLeadDays: 0, fences: {}, incoming: [] };
}

function locationSales(supply: LocationSupply, channel: string, today: string, horizonDays: number): LocationSales {
  const input = atpInput(supply);
  return {
    location: supply.location,
    curve: atpCurve(supply, channel, today, horizonDays),
    breakdown: atpBreakdown(supply, channel),
    safetyStock: supply.safetyStock,
    inspectionLeadDays: supply.inspectionLeadDays,
    fences: Object.entries(supply.fences).map(([c, fence]) => ({ channel: c, fence, committed: supply.committed[c] ?? 0, unconsumed: unconsumedFence(input, c) })),
  };
}

async function openReservations(db: Db, skuId: string): Promise<Reservation[]> {
  const rows = await db.query<{ doc: string; state: Reservation["state"]; location: string; channel: string; qty: number; since: Date | null }>(sql`
    SELECT b.doc, b.state, l.code AS location, coalesce(c.code, '') AS channel, b.qty, e.occurred_at AS since
      FROM balance b
      JOIN location l ON l.id = b.location_id
      LEFT JOIN channel c ON c.id::text = b.channel_id
      LEFT JOIN document d ON d.kind = 'order_line' AND d.ref = b.doc AND d.sku_id = b.sku_id
      LEFT JOIN ledger_event e ON e.seq = d.created_seq
     WHERE b.sku_id = ${skuId}::uuid AND b.state IN ('RESERVED', 'PICKED', 'PACKED') AND b.qty > 0
     ORDER BY e.occurred_at NULLS LAST, b.doc`);
  const now = Date.now();
  return rows.map((row) => ({
    orderLine: row.doc,
    channel: row.channel,
    location: row.location,
    state: row.state,
    qty: row.qty,
    since: (row.since ?? new Date(now)).toISOString(),
    ageDays: row.since ? Math.floor((now - row.since.getTime()) / 86_400_000) : 0,
  }));
}

export { demandView, type DemandView } from "./demand";
