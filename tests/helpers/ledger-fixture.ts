// A migrated database with a small catalogue and the demo users, plus helpers to
// call the real v1 route handlers with bearer tokens (no server needed).
import { createHash } from "node:crypto";
import { freshDatabase, type FreshDatabase } from "./fresh-db.ts";
import { DEMO_USERS, demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

export type Call = { status: number; body: Record<string, unknown> & { code?: string } };

export type LedgerFixture = FreshDatabase & {
  post: (who: Role | `${Role}_2`, event: Record<string, unknown>, key?: string) => Promise<Call>;
  call: (who: Role | `${Role}_2` | null, method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Call>;
  query: <T>(sql: string, ...params: unknown[]) => Promise<T[]>;
  verify: () => Promise<unknown[]>;
};

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: { pattern: RegExp; load: () => Promise<Record<string, unknown>> }[] = [
  { pattern: /^\/api\/v1\/events$/, load: () => import("../../app/api/v1/events/route.ts") },
  { pattern: /^\/api\/v1\/events\/batch$/, load: () => import("../../app/api/v1/events/batch/route.ts") },
  { pattern: /^\/api\/v1\/approvals$/, load: () => import("../../app/api/v1/approvals/route.ts") },
  { pattern: /^\/api\/v1\/approvals\/(?<id>[^/]+)\/approve$/, load: () => import("../../app/api/v1/approvals/[id]/approve/route.ts") },
  { pattern: /^\/api\/v1\/approvals\/(?<id>[^/]+)\/reject$/, load: () => import("../../app/api/v1/approvals/[id]/reject/route.ts") },
  { pattern: /^\/api\/v1\/skus$/, load: () => import("../../app/api/v1/skus/route.ts") },
  { pattern: /^\/api\/v1\/locations$/, load: () => import("../../app/api/v1/locations/route.ts") },
  { pattern: /^\/api\/v1\/channels$/, load: () => import("../../app/api/v1/channels/route.ts") },
  { pattern: /^\/api\/v1\/channels\/(?<channel>[^/]+)\/locations$/, load: () => import("../../app/api/v1/channels/[channel]/locations/route.ts") },
  { pattern: /^\/api\/v1\/skus\/(?<sku>[^/]+)\/policy$/, load: () => import("../../app/api/v1/skus/[sku]/policy/route.ts") },
  { pattern: /^\/api\/v1\/skus\/(?<sku>[^/]+)\/warehouse$/, load: () => import("../../app/api/v1/skus/[sku]/warehouse/route.ts") },
  { pattern: /^\/api\/v1\/skus\/(?<sku>[^/]+)\/sales$/, load: () => import("../../app/api/v1/skus/[sku]/sales/route.ts") },
  { pattern: /^\/api\/v1\/skus\/(?<sku>[^/]+)\/demand$/, load: () => import("../../app/api/v1/skus/[sku]/demand/route.ts") },
  { pattern: /^\/api\/v1\/skus\/(?<sku>[^/]+)\/finance$/, load: () => import("../../app/api/v1/skus/[sku]/finance/route.ts") },
  { pattern: /^\/api\/v1\/skus\/(?<sku>[^/]+)\/trace$/, load: () => import("../../app/api/v1/skus/[sku]/trace/route.ts") },
  { pattern: /^\/api\/v1\/skus\/(?<sku>[^/]+)\/reconciliation$/, load: () => import("../../app/api/v1/skus/[sku]/reconciliation/route.ts") },
  { pattern: /^\/api\/v1\/journal$/, load: () => import("../../app/api/v1/journal/route.ts") },
  { pattern: /^\/api\/v1\/journal\/trial-balance$/, load: () => import("../../app/api/v1/journal/trial-balance/route.ts") },
];

function tokenOf(who: Role | `${Role}_2`): string {
  const second = who.endsWith("_2");
  return demoUser(who.replace("_2", "") as Role, second).token;
}

export const CATALOGUE_SQL = `
  INSERT INTO location (code, name, kind) VALUES ('WH-EAST', 'East', 'warehouse'), ('WH-WEST', 'West', 'warehouse'), ('STORE', 'Store', 'store');
  INSERT INTO bin (location_id, code) SELECT id, b FROM location, unnest(ARRAY['A-01','A-02','B-01']) b WHERE code = 'WH-EAST';
  INSERT INTO bin (location_id, code) SELECT id, 'R-01' FROM location WHERE code = 'WH-WEST';
  INSERT INTO channel (code, name) VALUES ('web', 'Web'), ('marketplace', 'Marketplace'), ('wholesale', 'Wholesale');
  INSERT INTO sku (code, name, costing_method, standard_cost) VALUES
    ('T-FIFO', 'FIFO item', 'fifo', NULL), ('T-AVG', 'Average item', 'average', NULL), ('T-STD', 'Standard item', 'standard', 6.5);`;

export async function ledgerFixture(): Promise<LedgerFixture> {
  const db = await freshDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-42";
  for (const user of DEMO_USERS) {
    await db.prisma.user.create({ data: { id: user.id, email: user.email, name: user.name, role: user.role, passwordHash: "not-used" } });
    await db.prisma.apiToken.create({
      data: { userId: user.id, name: "test", tokenHash: createHash("sha256").update(user.token).digest("hex"), prefix: user.token.slice(0, 12) },
    });
  }
  await db.prisma.$executeRawUnsafe(`DO $$ BEGIN ${CATALOGUE_SQL} END $$;`);

  let counter = 0;
  const call: LedgerFixture["call"] = async (who, method, path, body, headers = {}) => {
    const url = new URL(path, "http://concord.test");
    const route = ROUTES.find((r) => r.pattern.test(url.pathname));
    if (!route) throw new Error(`no route for ${path}`);
    const handler = (await route.load())[method] as Route | undefined;
    if (!handler) throw new Error(`no ${method} for ${path}`);
    const params = (url.pathname.match(route.pattern)?.groups ?? {}) as Record<string, string>;
    const request = new Request(url, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokenOf(who)}` } : {}), "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    return { status: response.status, body: (await response.json()) as Call["body"] };
  };
  return {
    ...db,
    drop: async () => {
      const { closePool } = await import("../../lib/server/sql.ts");
      await closePool();
      await db.drop();
    },
    call,
    post: (who, event, key) => call(who, "POST", "/api/v1/events", event, { "idempotency-key": key ?? `k-${++counter}-${Math.random()}` }),
    query: <T>(sql: string, ...params: unknown[]) => db.prisma.$queryRawUnsafe<T[]>(sql, ...params),
    verify: async () => {
      const { verifyProjection } = await import("../../lib/server/ledger/replay.ts");
      const { verifyValuation } = await import("../../lib/server/ledger/verify-valuation.ts");
      const { db } = await import("../../lib/server/sql.ts");
      return [...(await verifyProjection(db)), ...(await verifyValuation(db))];
    },
  };
}

/** A PO confirmed, received and passed inspection: `qty` AVAILABLE in `bin`. */
export async function stock(f: LedgerFixture, sku: string, qty: number, options: { location?: string; bin?: string; unitCost?: string } = {}) {
  const location = options.location ?? "WH-EAST";
  const po = `PO-${sku}-${Math.random().toString(36).slice(2, 8)}`;
  const common = { sku, qty, location };
  expectOk(
    await f.post("finance", { type: "po.confirm", ...common, reference: po, unitCost: options.unitCost ?? "5.00", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" }),
  );
  expectOk(await f.post("warehouse", { type: "receive", ...common, reference: po, ...(options.bin ? { bin: options.bin } : {}) }));
  expectOk(await f.post("warehouse", { type: "inspect", ...common, result: "pass", ...(options.bin ? { bin: options.bin } : {}) }));
  return po;
}

export function expectOk(call: Call): Call {
  if (call.status !== 201 && call.status !== 202) throw new Error(`expected success, got ${call.status}: ${JSON.stringify(call.body)}`);
  return call;
}
