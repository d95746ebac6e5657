// Finance tests post the same events a business would, through the real routes,
// and read the finance views back. Each test makes its own SKUs so they stay apart.
import { expectOk, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let counter = 0;

/** A fresh SKU (admin), so a test's figures are its own. */
export async function newSku(f: LedgerFixture, method: "fifo" | "average" | "standard", standardCost?: string): Promise<string> {
  const sku = `F-${method.slice(0, 3).toUpperCase()}-${++counter}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  expectOk(await f.call("admin", "POST", "/api/v1/skus", { sku, name: `Finance ${method}`, costingMethod: method, ...(standardCost ? { standardCost } : {}) }));
  return sku;
}

type When = { occurredAt?: string };

/** A PO for `qty` at `unitCost`, received and passed inspection: AVAILABLE at the location. */
export async function buy(f: LedgerFixture, sku: string, qty: number, unitCost: string, options: When & { location?: string; po?: string } = {}) {
  const location = options.location ?? "WH-EAST";
  const po = options.po ?? `PO-${sku}-${++counter}`;
  const at = options.occurredAt ? { occurredAt: options.occurredAt } : {};
  const common = { sku, qty, location, ...at };
  expectOk(await f.post("finance", { type: "po.confirm", ...common, reference: po, unitCost, eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" }));
  expectOk(await f.post("warehouse", { type: "receive", ...common, reference: po }));
  expectOk(await f.post("warehouse", { type: "inspect", ...common, result: "pass" }));
  return po;
}

/** Reserve, pick, pack and ship `qty` on a new order line. */
export async function sell(f: LedgerFixture, sku: string, qty: number, options: When & { fob?: "shipping_point" | "destination"; location?: string } = {}) {
  const orderLine = `SO-${sku}-${++counter}/1`;
  const common = { sku, qty, location: options.location ?? "WH-EAST", orderLine, ...(options.occurredAt ? { occurredAt: options.occurredAt } : {}) };
  expectOk(await f.post("sales", { type: "reserve", ...common, channel: "web" }));
  expectOk(await f.post("warehouse", { type: "pick", ...common }));
  expectOk(await f.post("warehouse", { type: "pack", ...common }));
  expectOk(await f.post("warehouse", { type: "ship", ...common, fob: options.fob ?? "shipping_point" }));
  return orderLine;
}

/** An ISO time `days` days (and `hours` hours) before now. */
export function ago(days: number, hours = 0): string {
  return new Date(Date.now() - days * 86_400_000 - hours * 3_600_000).toISOString();
}

export type FinanceBody = {
  method: string;
  owned: number;
  value: string;
  unitCost: string | null;
  layers: { qty: number; unitCost: string; value: string; receivedAt: string | null }[];
  pool: { qty: number; value: string };
  grni: { qty: number; value: string };
  inTransitOwned: { inbound: { qty: number; value: string }; transfer: { qty: number; value: string }; outbound: { qty: number; value: string } };
  pendingWriteOff: { qty: number; value: string };
  returnsPendingInspection: { qty: number; value: string };
  locations: { location: string; owned: number; valued: number; value: string }[];
};

/** GET /api/v1/skus/{sku}/finance as finance, answered 200. */
export async function finance(f: LedgerFixture, sku: string, asOf?: string): Promise<FinanceBody> {
  const answer = await f.call("finance", "GET", `/api/v1/skus/${sku}/finance${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ""}`);
  if (answer.status !== 200) throw new Error(`finance view answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as FinanceBody;
}
