import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { findSku } from "@/lib/server/ledger/refs";
import { EVENT_RULES, isEventType } from "@/lib/domain/event-types";
import { warehouseBalances, type WarehouseResponse } from "./balances";

export type SkuMove = {
  seq: number;
  type: string;
  label: string;
  occurredAt: string;
  qty: number;
  from: string;
  to: string;
  actor: string;
  reference: string | null;
};

export type SkuWarehouse = {
  sku: { code: string; name: string; category: string };
  view: WarehouseResponse;
  /** Transfers shipped from each location and not yet received at the target. */
  outgoing: { location: string; to: string; ref: string; qty: number }[];
  moves: SkuMove[];
};

type MoveRecord = {
  seq: number; type: string; occurred_at: Date; qty: number; actor: string; reference: string | null;
  from_loc: string | null; from_state: string | null; from_bin: string; from_doc: string;
  to_loc: string | null; to_state: string | null; to_bin: string; to_doc: string; data: Record<string, unknown>;
};

const side = (location: string | null, state: string | null, bin: string, doc: string) =>
  state ? [location, state, bin && `bin ${bin}`, doc].filter(Boolean).join(" · ") : "";

const MOVES_SHOWN = 30;

/** The SKU page: where each unit is (per location and bin), what is in transit both ways, and the latest moves. */
export async function skuWarehouse(code: string, asOf: Date | null, db: Db = pooled): Promise<SkuWarehouse> {
  const sku = await findSku(db, code.trim().toUpperCase());
  const until = asOf && asOf.getTime() < Date.now() ? asOf : new Date("9999-12-31");
  const [view, details, outgoing, moves] = await Promise.all([
    warehouseBalances(sku.code, { asOf, db }),
    db.query<{ name: string; category: string }>(sql`SELECT name, category FROM sku WHERE id = ${sku.id}::uuid`),
    db.query<{ location: string; to: string; ref: string; qty: number }>(sql`
      SELECT d.party AS location, l.code AS to, d.ref,
        sum(CASE WHEN e.to_state = 'TRANSFER_TRANSIT' AND e.to_doc = d.ref THEN e.qty ELSE 0 END
          - CASE WHEN e.from_state = 'TRANSFER_TRANSIT' AND e.from_doc = d.ref THEN e.qty ELSE 0 END)::int AS qty
      FROM document d JOIN location l ON l.id = d.location_id
      JOIN ledger_event e ON e.sku_id = d.sku_id AND (e.to_doc = d.ref OR e.from_doc = d.ref)
      WHERE d.kind = 'transfer' AND d.sku_id = ${sku.id}::uuid AND e.occurred_at <= ${until}
      GROUP BY 1, 2, 3 HAVING sum(CASE WHEN e.to_state = 'TRANSFER_TRANSIT' AND e.to_doc = d.ref THEN e.qty ELSE 0 END
          - CASE WHEN e.from_state = 'TRANSFER_TRANSIT' AND e.from_doc = d.ref THEN e.qty ELSE 0 END) <> 0
      ORDER BY 1, 3`),
    db.query<MoveRecord>(sql`
      SELECT e.seq, e.type, e.occurred_at, e.qty, u.name AS actor, e.reference, fl.code AS from_loc, e.from_state, e.from_bin, e.from_doc,
        tl.code AS to_loc, e.to_state, e.to_bin, e.to_doc, e.data
      FROM ledger_event e JOIN app_user u ON u.id = e.actor_id
      LEFT JOIN location fl ON fl.id = e.location_id LEFT JOIN location tl ON tl.id = e.to_location_id
      WHERE e.sku_id = ${sku.id}::uuid AND e.occurred_at <= ${until}
      ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${MOVES_SHOWN}`),
  ]);
  return {
    sku: { code: sku.code, name: details[0]?.name ?? "", category: details[0]?.category ?? "" },
    view,
    outgoing,
    moves: moves.map((row) => ({
      seq: row.seq,
      type: row.type,
      label: isEventType(row.type) ? EVENT_RULES[row.type].label : row.type === "reverse" ? "Reversal" : row.type,
      occurredAt: row.occurred_at.toISOString(),
      qty: row.qty,
      from: side(row.from_loc, row.from_state, row.from_bin, row.from_doc),
      to: side(row.to_loc, row.to_state, row.to_bin, row.to_doc) || (row.type === "count" ? `counted ${String(row.data.countedQty ?? "")}, no variance` : ""),
      actor: row.actor,
      reference: row.reference,
    })),
  };
}
