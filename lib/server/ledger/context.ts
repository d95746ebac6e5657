import "server-only";
import { sql, trusted, type Db } from "@/lib/server/sql";
import type { OrderLineDocument, PlanContext, PoDocument } from "@/lib/domain/plan";
import type { BalanceRow } from "@/lib/domain/positions";
import { periodClosed, periodOf } from "@/lib/domain/periods";
import type { Role } from "@/lib/domain/roles";
import { isState } from "@/lib/domain/states";
import { findSku, type Refs, type SkuRef } from "./refs";

type ContextRow = {
  closed: string | null;
  balances: [string, string, string, string, string, number][];
  policy: { safety_stock: number; write_off_value: string; count_variance_units: number } | null;
  fences: Record<string, number> | null;
  docs: { kind: string; location_id: string; channel_id: string | null; eta: string | null; fob: string | null; unit_cost: string | null }[];
  unit_cost: string | null;
};

/**
 * Locks the SKU and returns it. Every write to one SKU is serialised by this lock,
 * so the read-check-write of a move (ATP, fences, order lines) cannot interleave;
 * events of other SKUs run in parallel. The shared period lock lets a period
 * close wait for in-flight events.
 */
export async function lockSku(tx: Db, code: string): Promise<SkuRef> {
  // A SKU's id and costing method never change: look a SKU up once, then only lock it.
  const key = `${tx.key}|${code}`;
  let sku = skuCache.get(key);
  if (!sku) {
    sku = await findSku(tx, code);
    if (!UUID.test(sku.id)) throw new Error(`unexpected SKU id ${sku.id}`);
    skuCache.set(key, sku);
  }
  await tx.query(trusted(`SELECT pg_advisory_xact_lock_shared(1), pg_advisory_xact_lock(hashtextextended('${sku.id}', 7))`));
  return sku;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const skuCache = new Map<string, SkuRef>();

/** Everything the planner reads, in one round trip, taken after the SKU's lock. */
export async function loadPlanContext(
  tx: Db,
  refs: Refs,
  sku: SkuRef,
  args: { locationId?: string; occurredAt: Date; po?: string; orderLine?: string; actorRole: Role; approved: boolean; needsUnitCost: boolean },
): Promise<PlanContext> {
  const [row] = await tx.query<ContextRow>(sql`
    SELECT
      (SELECT period FROM period WHERE period = ${periodOf(args.occurredAt)}) AS closed,
      (SELECT coalesce(json_agg(json_build_array(location_id, state, bin, doc, channel_id, qty)), '[]')
         FROM balance WHERE sku_id = ${sku.id}::uuid AND qty <> 0) AS balances,
      (SELECT row_to_json(p) FROM (SELECT safety_stock, write_off_value::text, count_variance_units FROM sku_policy
         WHERE sku_id = ${sku.id}::uuid AND location_id = ${args.locationId ?? null}::uuid) p) AS policy,
      (SELECT jsonb_object_agg(c.code, a.qty) FROM channel_allocation a JOIN channel c ON c.id = a.channel_id
         WHERE a.sku_id = ${sku.id}::uuid AND a.location_id = ${args.locationId ?? null}::uuid) AS fences,
      (SELECT coalesce(json_agg(d), '[]') FROM (SELECT kind, location_id, channel_id, eta, fob, unit_cost::text FROM document
         WHERE sku_id = ${sku.id}::uuid AND ((kind = 'po' AND ref = ${args.po ?? null}) OR (kind = 'order_line' AND ref = ${args.orderLine ?? null}))) d) AS docs,
      (SELECT CASE WHEN NOT ${args.needsUnitCost}::boolean THEN NULL
                   WHEN s.costing_method = 'standard' THEN s.standard_cost::text
                   ELSE (SELECT unit_cost::text FROM document WHERE sku_id = s.id AND kind = 'po' ORDER BY created_seq DESC LIMIT 1) END
         FROM sku s WHERE s.id = ${sku.id}::uuid) AS unit_cost`);
  if (row.closed) throw periodClosed(row.closed);
  const code = (id: string) => refs.locationCodeById.get(id) ?? id;
  const channel = (id: string | null) => (id ? (refs.channelCodeById.get(id) ?? id) : "");
  const balances: BalanceRow[] = row.balances.flatMap(([location, state, bin, doc, channelId, qty]) =>
    isState(state) ? [{ location: code(location), state, bin, doc, channel: channel(channelId), qty }] : [],
  );
  const po = row.docs.find((doc) => doc.kind === "po");
  const line = row.docs.find((doc) => doc.kind === "order_line");
  return {
    now: new Date(),
    actorRole: args.actorRole,
    balances,
    policy: {
      safetyStock: row.policy?.safety_stock ?? 0,
      writeOffValue: row.policy?.write_off_value ?? "500.00",
      countVarianceUnits: row.policy?.count_variance_units ?? 0,
      fences: row.fences ?? {},
    },
    costingMethod: sku.costingMethod,
    unitCostEstimate: row.unit_cost,
    po: po ? ({ location: code(po.location_id), eta: po.eta ? new Date(po.eta) : null, fob: po.fob, unitCost: po.unit_cost } satisfies PoDocument) : null,
    orderLine: line ? ({ location: code(line.location_id), channel: channel(line.channel_id) } satisfies OrderLineDocument) : null,
    approved: args.approved,
  };
}
