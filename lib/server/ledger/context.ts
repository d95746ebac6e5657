import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import type { OrderLineDocument, PlanContext, PoDocument } from "@/lib/domain/plan";
import type { BalanceRow } from "@/lib/domain/positions";
import type { Role } from "@/lib/domain/roles";
import type { Refs, SkuRef } from "./refs";

type PolicyRow = { safety_stock: number; write_off_value: string; count_variance_units: number; fences: Record<string, number> | null };
type DocRow = { kind: string; location_id: string; channel_id: string | null; eta: Date | null; fob: string | null; unit_cost: string | null };

const DEFAULT_POLICY = { safety_stock: 0, write_off_value: "500.00", count_variance_units: 0, fences: null };

/** Everything the planner needs besides the balances, in one round trip. */
export async function loadPlanContext(
  tx: Tx,
  refs: Refs,
  sku: SkuRef,
  balances: BalanceRow[],
  args: { location?: string; locationId?: string; po?: string; orderLine?: string; actorRole: Role; approved: boolean },
): Promise<PlanContext> {
  const [policyRows, docRows, costRows] = await Promise.all([
    args.locationId
      ? tx.$queryRaw<PolicyRow[]>(Prisma.sql`
          SELECT p.safety_stock, p.write_off_value::text, p.count_variance_units,
                 (SELECT jsonb_object_agg(c.code, a.qty) FROM channel_allocation a JOIN channel c ON c.id = a.channel_id
                   WHERE a.sku_id = ${sku.id}::uuid AND a.location_id = ${args.locationId}::uuid) AS fences
          FROM (SELECT 1) one LEFT JOIN sku_policy p ON p.sku_id = ${sku.id}::uuid AND p.location_id = ${args.locationId}::uuid`)
      : Promise.resolve([]),
    tx.$queryRaw<DocRow[]>(Prisma.sql`
      SELECT kind, location_id::text, channel_id::text, eta, fob, unit_cost::text FROM document
      WHERE sku_id = ${sku.id}::uuid AND ((kind = 'po' AND ref = ${args.po ?? null}) OR (kind = 'order_line' AND ref = ${args.orderLine ?? null}))`),
    sku.costingMethod === "standard"
      ? Promise.resolve([{ unit_cost: sku.standardCost }])
      : tx.$queryRaw<{ unit_cost: string | null }[]>(Prisma.sql`
          SELECT unit_cost::text FROM document WHERE sku_id = ${sku.id}::uuid AND kind = 'po' ORDER BY created_seq DESC LIMIT 1`),
  ]);
  const policy = policyRows[0] && policyRows[0].safety_stock !== null ? policyRows[0] : { ...DEFAULT_POLICY, fences: policyRows[0]?.fences ?? null };
  const po = docRows.find((row) => row.kind === "po");
  const line = docRows.find((row) => row.kind === "order_line");
  const code = (id: string) => refs.locationCodeById.get(id) ?? id;
  return {
    now: new Date(),
    actorRole: args.actorRole,
    balances,
    policy: {
      safetyStock: policy.safety_stock,
      writeOffValue: policy.write_off_value,
      countVarianceUnits: policy.count_variance_units,
      fences: policy.fences ?? {},
    },
    costingMethod: sku.costingMethod,
    unitCostEstimate: costRows[0]?.unit_cost ?? null,
    po: po ? ({ location: code(po.location_id), eta: po.eta, fob: po.fob, unitCost: po.unit_cost } satisfies PoDocument) : null,
    orderLine: line
      ? ({ location: code(line.location_id), channel: line.channel_id ? (refs.channelCodeById.get(line.channel_id) ?? "") : "" } satisfies OrderLineDocument)
      : null,
    approved: args.approved,
  };
}
