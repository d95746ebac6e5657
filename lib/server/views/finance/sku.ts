import "server-only";
import { divRound } from "@/lib/domain/finance/rounding";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import { AMOUNT_SCALE, fromMinor, toMinor } from "@/lib/domain/money";
import { isState, type State } from "@/lib/domain/states";
import { journalUpTo, ownedUnits, pastOrNow, POOL_STATES } from "./as-of";
import { skuValuationRows } from "./valuation";
import { skuLayers, unitCostNow } from "./layers";
import type { Bucket, CostingMethod, FinanceSkuView } from "./types";

type SkuRecord = { id: string; code: string; name: string; method: CostingMethod; standard_cost: string | null };
type Held = { inbound: string; outbound: string; grni_value: string; grni_qty: number; returns_qty: number; returns_value: string };

const money = (value: string | null | undefined) => toMinor(value ?? "0", AMOUNT_SCALE);
const amount = (minor: bigint) => fromMinor(minor, AMOUNT_SCALE);

/** A part of a total, rounded half away from zero (inventory-model §5, Rounding). */
function shareOf(total: bigint, part: number, whole: number): bigint {
  return whole <= 0 || part === 0 ? 0n : divRound(total * BigInt(part), BigInt(whole));
}

async function findFinanceSku(code: string, db: Db): Promise<SkuRecord> {
  const [row] = await db.query<SkuRecord>(sql`
    SELECT id::text, code, name, costing_method::text AS method, round(standard_cost, 4)::text AS standard_cost FROM sku WHERE code = ${code}`);
  if (!row) throw new DomainError("unknown_sku", `There is no SKU '${code}'.`, { sku: ["unknown SKU"] });
  return row;
}

/**
 * Value held on documents as of a moment, from the journal lines that name them:
 * goods in transit (a PO's, inbound; an order line's, outbound), open GRNI, and
 * customer returns awaiting inspection at what they will bring back.
 */
function heldOnDocuments(skuId: string, asOf: Date | null, db: Db) {
  const until = asOf ?? new Date("9999-12-31");
  return db.query<Held>(sql`
    WITH docs AS (
      SELECT j.account, j.doc, d.ref IS NOT NULL AS po, sum(j.debit - j.credit) AS balance, max(im.unit_cost) AS unit_cost
      FROM journal_line j
      LEFT JOIN document d ON d.kind = 'po' AND d.ref = j.doc AND d.sku_id = j.sku_id
      LEFT JOIN invoice_match im ON im.sku_id = j.sku_id AND im.doc = j.doc
      WHERE j.sku_id = ${skuId}::uuid AND j.account IN ('inventory_in_transit', 'grni') AND j.occurred_at <= ${until}
      GROUP BY 1, 2, 3
    ), rma AS (
      -- lined: the return came back against an order line, so its cost was known from receipt.
      SELECT doc, sum(q)::int AS qty, bool_or(lined) AS lined FROM (
        SELECT to_doc AS doc, qty AS q, from_doc <> '' AS lined FROM ledger_event
         WHERE sku_id = ${skuId}::uuid AND to_state = 'RETURN_QC' AND occurred_at <= ${until}
        UNION ALL SELECT from_doc, -qty, false FROM ledger_event WHERE sku_id = ${skuId}::uuid AND from_state = 'RETURN_QC' AND occurred_at <= ${until}
      ) AS moves GROUP BY doc HAVING sum(q) > 0
    ), rma_valued AS (
      -- Held now: its share of the holding; inspected since: the cost it came back at (inspection's COGS credit) per unit,
      -- for a return against an order line (one without is valued only at inspection, so at 0.00 before it).
      SELECT r.qty, CASE WHEN NOT r.lined AND NOT coalesce(h.qty > 0, false) THEN 0 ELSE coalesce(
        CASE WHEN h.qty > 0 THEN round(h.value * r.qty / h.qty, 2) END,
        (SELECT round(sum(j.credit) * r.qty / nullif((SELECT sum(e.qty) FROM ledger_event e
            WHERE e.sku_id = ${skuId}::uuid AND e.from_state = 'RETURN_QC' AND e.from_doc = r.doc), 0), 2)
          FROM journal_line j WHERE j.sku_id = ${skuId}::uuid AND j.account = 'cogs' AND j.doc = r.doc), 0) END AS value
      FROM rma r LEFT JOIN (SELECT doc, sum(qty) AS qty, sum(value) AS value FROM cost_holding
        WHERE sku_id = ${skuId}::uuid AND kind IN ('rma', 'rma_open') GROUP BY doc) AS h ON h.doc = r.doc
    )
    SELECT
      coalesce(sum(balance) FILTER (WHERE account = 'inventory_in_transit' AND po), 0)::numeric(20, 2)::text AS inbound,
      coalesce(sum(balance) FILTER (WHERE account = 'inventory_in_transit' AND NOT po), 0)::numeric(20, 2)::text AS outbound,
      coalesce(-sum(balance) FILTER (WHERE account = 'grni'), 0)::numeric(20, 2)::text AS grni_value,
      ${asOf
        ? sql`coalesce(sum(round(-balance / nullif(unit_cost, 0))) FILTER (WHERE account = 'grni' AND balance < 0), 0)::int`
        : sql`(SELECT coalesce(sum(booked_qty - invoiced_qty), 0)::int FROM invoice_match WHERE sku_id = ${skuId}::uuid)`} AS grni_qty,
      (SELECT coalesce(sum(qty), 0)::int FROM rma_valued) AS returns_qty,
      (SELECT coalesce(sum(value), 0)::numeric(20, 2)::text FROM rma_valued) AS returns_value
    FROM docs`);
}

/** GET /api/v1/skus/{sku}/finance and the finance SKU page: the valued asset, its layers and timing buckets. */
export async function financeSku(skuCode: string, opts: { asOf?: Date } = {}, db: Db = pooled): Promise<FinanceSkuView> {
  const sku = await findFinanceSku(skuCode, db);
  const asOf = pastOrNow(opts.asOf);
  const [states, accounts, [held], locations, layers, unitCost] = await Promise.all([
    db.query<{ state: string; qty: number }>(sql`
      SELECT state, sum(qty)::int AS qty FROM (${ownedUnits(asOf, sku.id)}) AS m(sku_id, location_id, state, qty) GROUP BY state HAVING sum(qty) <> 0`),
    db.query<{ account: string; balance: string }>(sql`
      SELECT account, sum(debit - credit)::numeric(20, 2)::text AS balance FROM (${journalUpTo(asOf, sku.id)}) AS j(sku_id, location_id, account, debit, credit)
      WHERE account IN ('inventory', 'inventory_in_transit') GROUP BY account`),
    heldOnDocuments(sku.id, asOf, db),
    skuValuationRows(sku.id, asOf, db),
    skuLayers(sku.id, sku.method, asOf, db),
    unitCostNow(sku.id, sku.method, asOf, db),
  ]);
  const byState: Partial<Record<State, number>> = {};
  for (const row of states) if (isState(row.state)) byState[row.state] = row.qty;
  const units = (...names: string[]) => names.reduce((sum, name) => sum + (byState[name as State] ?? 0), 0);
  const balance = (account: string) => money(accounts.find((row) => row.account === account)?.balance);
  const poolUnits = units(...POOL_STATES);
  const poolValue = balance("inventory");
  const poolShare = (qty: number): Bucket => ({ qty, value: amount(shareOf(poolValue, qty, poolUnits)) });
  // Damaged units are worth what writing them off would take out of the pool now, the figure
  // the write-off's approval shows and books: under FIFO the oldest layers first.
  const writeOffValue = (qty: number): Bucket => {
    if (sku.method !== "fifo") return poolShare(qty);
    let left = qty;
    let value = 0n;
    for (const layer of layers) {
      if (left <= 0) break;
      const take = Math.min(left, layer.qty);
      value += shareOf(toMinor(layer.value, AMOUNT_SCALE), take, layer.qty);
      left -= take;
    }
    return { qty, value: amount(value) };
  };
  const outbound: Bucket = { qty: units("OUTBOUND_TRANSIT"), value: held?.outbound ?? "0.00" };
  return {
    sku: sku.code,
    name: sku.name,
    method: sku.method,
    asOf: (asOf ?? new Date()).toISOString(),
    owned: Object.values(byState).reduce((sum, qty) => sum + (qty ?? 0), 0),
    value: amount(poolValue + balance("inventory_in_transit")),
    unitCost: unitCost ?? (sku.method === "standard" ? sku.standard_cost : null),
    standardCost: sku.standard_cost,
    layers,
    ownedByState: byState,
    pool: { qty: poolUnits, value: amount(poolValue) },
    inTransitOwned: {
      inbound: { qty: units("INBOUND_TRANSIT"), value: held?.inbound ?? "0.00" },
      transfer: poolShare(units("TRANSFER_TRANSIT")),
      outbound,
    },
    grni: { qty: held?.grni_qty ?? 0, value: held?.grni_value ?? "0.00" },
    shippedNotInvoiced: outbound,
    returnsPendingInspection: { qty: held?.returns_qty ?? 0, value: held?.returns_value ?? "0.00" },
    pendingWriteOff: writeOffValue(units("DAMAGED")),
    locations,
  };
}
