// The server modules the simulation drives: the domain service (the same calls the
// API makes) and the reconciliation views the screens read. Loaded on demand, after
// DATABASE_URL names the simulation's database: lib/server/db.ts reads it on import.
export type Server = {
  submitEvent: typeof import("../../../lib/server/ledger/service.ts").submitEvent;
  decide: typeof import("../../../lib/server/ledger/service.ts").decide;
  reconcileSkus: typeof import("../../../lib/server/views/reconciliation/sku.ts").reconcileSkus;
  reconciliationList: typeof import("../../../lib/server/views/reconciliation/list.ts").reconciliationList;
  db: typeof import("../../../lib/server/sql.ts").db;
  sql: typeof import("../../../lib/server/sql.ts").sql;
  closePool: typeof import("../../../lib/server/sql.ts").closePool;
};

export async function loadServer(): Promise<Server> {
  const [service, sku, list, sql] = await Promise.all([
    import("../../../lib/server/ledger/service.ts"),
    import("../../../lib/server/views/reconciliation/sku.ts"),
    import("../../../lib/server/views/reconciliation/list.ts"),
    import("../../../lib/server/sql.ts"),
  ]);
  return {
    submitEvent: service.submitEvent,
    decide: service.decide,
    reconcileSkus: sku.reconcileSkus,
    reconciliationList: list.reconciliationList,
    db: sql.db,
    sql: sql.sql,
    closePool: sql.closePool,
  };
}
