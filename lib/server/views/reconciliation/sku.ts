import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { AMOUNT_SCALE, fromMinor, toMinor } from "@/lib/domain/money";
import { periodEnd } from "@/lib/domain/periods";
import { reconcile, type Reconciliation } from "@/lib/domain/reconciliation/reconcile";
import type { Identity } from "@/lib/domain/reconciliation/types";
import { findSku, loadRefs, type Refs, type SkuRef } from "@/lib/server/ledger/refs";
import { DomainError } from "@/lib/domain/errors";
import { pastOrNow } from "../finance/as-of";
import { loadInputs } from "./inputs";

export type PeriodCheck = {
  period: string;
  /** The month's last instant. */
  end: string;
  stored: { owned: number; value: string };
  /** The same figures as the reconciliation reads them at that instant. */
  asOf: { owned: number; value: string };
  /** Each identity's company remainder at that instant. */
  unexplained: { name: Identity["name"]; channel: string | null; unexplained: number | string }[];
};

export type SkuReconciliation = Reconciliation & {
  sku: { code: string; name: string; method: SkuRef["costingMethod"] };
  /** True when asked for a past moment. */
  past: boolean;
  periods: PeriodCheck[];
};

async function reconcileAt(db: Db, refs: Refs, sku: SkuRef, asOf: Date | null): Promise<Reconciliation> {
  const inputs = await loadInputs(db, refs, [sku], asOf, asOf ?? new Date());
  return reconcile(inputs.get(sku.id)!);
}

/**
 * The identities of many SKUs at one moment, keyed by code: the inputs and the
 * arithmetic of skuReconciliation, read for the whole set in one handful of
 * statements (a month-end check reads every SKU this way, a chunk at a time).
 */
export async function reconcileSkus(codes: readonly string[], options: { asOf?: Date | null } = {}, db: Db = pooled): Promise<Map<string, Reconciliation>> {
  const asOf = pastOrNow(options.asOf);
  const [refs, rows] = await Promise.all([
    loadRefs(db),
    db.query<{ id: string; code: string; costing_method: SkuRef["costingMethod"] }>(sql`
      SELECT id::text, code, costing_method::text AS costing_method FROM sku WHERE code = ANY(${codes}::text[])`),
  ]);
  const found = new Set(rows.map((row) => row.code));
  const missing = codes.filter((code) => !found.has(code));
  if (missing.length) throw new DomainError("unknown_sku", `There is no SKU '${missing[0]}'.`, { sku: ["unknown SKU"] });
  const skus = rows.map((row): SkuRef => ({ id: row.id, code: row.code, costingMethod: row.costing_method }));
  const inputs = await loadInputs(db, refs, skus, asOf, asOf ?? new Date());
  return new Map(skus.map((sku) => [sku.code, reconcile(inputs.get(sku.id)!)]));
}

const company = (r: Reconciliation) => r.identities.filter((i) => i.location === null);

/** GET /api/v1/skus/{sku}/reconciliation and the SKU page: the identities now or as of a moment. */
export async function skuReconciliation(code: string, options: { asOf?: Date | null; periods?: boolean } = {}, db: Db = pooled): Promise<SkuReconciliation> {
  const sku = await findSku(db, code);
  const asOf = pastOrNow(options.asOf);
  const [refs, [details], stored] = await Promise.all([
    loadRefs(db),
    db.query<{ name: string }>(sql`SELECT name FROM sku WHERE id = ${sku.id}::uuid`),
    options.periods === false
      ? Promise.resolve([])
      : db.query<{ period: string; owned: number; value: string }>(sql`
          SELECT p.period, coalesce(sum(v.owned), 0)::int AS owned, coalesce(sum(v.value), 0)::numeric(20, 2)::text AS value
          FROM period p LEFT JOIN period_valuation v ON v.period = p.period AND v.sku_id = ${sku.id}::uuid
          GROUP BY p.period ORDER BY p.period DESC`),
  ]);
  const ends = stored.map((row) => new Date(periodEnd(row.period).getTime() - 1));
  const [main, ...atEnds] = await Promise.all([reconcileAt(db, refs, sku, asOf), ...ends.map((end) => reconcileAt(db, refs, sku, end))]);
  const periods = stored.map((row, i): PeriodCheck => {
    const identities = company(atEnds[i]);
    const owned = identities.find((x) => x.name === "owned-vs-on-hand");
    const value = identities.find((x) => x.name === "journal-vs-layers");
    return {
      period: row.period,
      end: ends[i].toISOString(),
      stored: { owned: row.owned, value: fromMinor(toMinor(row.value, AMOUNT_SCALE), AMOUNT_SCALE) },
      asOf: { owned: Number(owned?.left ?? 0), value: String(value?.left ?? "0.00") },
      unexplained: identities.map((x) => ({ name: x.name, channel: x.channel, unexplained: x.unexplained })),
    };
  });
  return { ...main, sku: { code: sku.code, name: details?.name ?? sku.code, method: sku.costingMethod }, past: asOf !== null, periods };
}

/** The API's shape (api.md): each identity with its buckets' quantities or values and event ids. */
export function apiShape(view: SkuReconciliation) {
  return {
    sku: view.sku.code,
    asOf: view.asOf,
    identities: view.identities.map((i) => ({
      name: i.name,
      location: i.location,
      channel: i.channel,
      left: i.left,
      right: i.right,
      buckets: i.buckets.map((b) => ({
        bucket: b.bucket,
        ...(b.qty !== undefined ? { qty: b.qty } : { value: b.value }),
        events: b.events,
        eventCount: b.eventCount,
      })),
      unexplained: i.unexplained,
    })),
    gaps: view.gaps,
    periods: view.periods,
  };
}
