// Kept answers (lib/server/views/memo.ts): served while nothing commits, never
// after; never kept inside a transaction; callers arriving while one is being
// computed share it; an answer as of now expires at the next event's moment.
// And the lists sorted in memory over kept rows order as SQL would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { buy, newSku } from "../finance/helpers.ts";

const PAGE = 20;

let f: LedgerFixture;
let memo: typeof import("../../lib/server/views/memo.ts").memo;
let sqlModule: typeof import("../../lib/server/sql.ts");
let valuation: typeof import("../../lib/server/views/finance/valuation.ts");
beforeAll(async () => {
  f = await ledgerFixture();
  ({ memo } = await import("../../lib/server/views/memo.ts"));
  sqlModule = await import("../../lib/server/sql.ts");
  valuation = await import("../../lib/server/views/finance/valuation.ts");
});
afterAll(() => f?.drop());

const counter = () => {
  let calls = 0;
  return { compute: async () => ({ call: ++calls }), calls: () => calls };
};

describe("memo", () => {
  it("serves the kept answer while nothing commits, and computes again after a commit", async () => {
    const c = counter();
    const key = ["test.commit", Math.random()];
    expect(await memo(sqlModule.db, key, c.compute)).toEqual({ call: 1 });
    expect(await memo(sqlModule.db, key, c.compute)).toEqual({ call: 1 });
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 1, "2.00");
    expect(await memo(sqlModule.db, key, c.compute)).toEqual({ call: 2 });
    // Any write ends it, not only the ledger's.
    await f.query("UPDATE sku SET name = name || ' (renamed)' WHERE code = $1", sku);
    expect(await memo(sqlModule.db, key, c.compute)).toEqual({ call: 3 });
    expect(c.calls()).toBe(3);
  });

  it("gives each caller its own copy", async () => {
    // A commit anywhere on the cluster (another test file's database) ends the kept answer;
    // the check needs a second call served from it, so it tries again until one is.
    for (let attempt = 0; attempt < 10; attempt++) {
      const key = ["test.copy", Math.random()];
      const first = await memo(sqlModule.db, key, async () => ({ list: [1, 2] }));
      first.list.push(3);
      let recomputed = false;
      const second = await memo(sqlModule.db, key, async () => {
        recomputed = true;
        return { list: [9] };
      });
      if (recomputed) continue;
      expect(second).toEqual({ list: [1, 2] });
      return;
    }
    throw new Error("no second call was served from the kept answer in 10 attempts");
  });

  it("shares one computation among callers arriving while it runs", async () => {
    const c = counter();
    const key = ["test.shared", Math.random()];
    const answers = await Promise.all(Array.from({ length: 5 }, () => memo(sqlModule.db, key, c.compute)));
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ call: 1 })));
    expect(c.calls()).toBe(1);
  });

  it("keeps nothing read inside a transaction (it may see its own writes)", async () => {
    const c = counter();
    const key = ["test.transaction", Math.random()];
    await sqlModule.transaction(async (tx) => {
      expect(await memo(tx, key, c.compute)).toEqual({ call: 1 });
      expect(await memo(tx, key, c.compute)).toEqual({ call: 2 });
    });
    expect(await memo(sqlModule.db, key, c.compute)).toEqual({ call: 3 });
  });

  it("keeps the answers in use when full: the least recently used go first", async () => {
    // The memo's state is the cluster's commit horizon: a commit by another test file on the
    // same server empties it mid-run. Tried until one run meets no such commit; an LRU
    // that dropped the answer in use fails every run.
    const attempt = async () => {
      const [used, unused] = [counter(), counter()];
      const run = Math.random();
      const usedKey = ["test.lru.used", run];
      const unusedKey = ["test.lru.unused", run];
      await memo(sqlModule.db, usedKey, used.compute);
      await memo(sqlModule.db, unusedKey, unused.compute);
      // More other answers than the memo keeps, the first one asked for again all along.
      const seen: unknown[] = [];
      for (let i = 0; i < 600; i++) {
        await memo(sqlModule.db, ["test.lru.other", run, i], async () => i);
        if (i % 50 === 0) seen.push(await memo(sqlModule.db, usedKey, used.compute));
      }
      seen.push(await memo(sqlModule.db, usedKey, used.compute));
      return { used: seen, unused: await memo(sqlModule.db, unusedKey, unused.compute) };
    };
    const expected = { used: Array.from({ length: 13 }, () => ({ call: 1 })), unused: { call: 2 } };
    let last: unknown;
    for (let i = 0; i < 8; i++) {
      last = await attempt();
      if (JSON.stringify(last) === JSON.stringify(expected)) break;
    }
    expect(last).toEqual(expected);
  });

  it("forgets a failed computation", async () => {
    const key = ["test.failure", Math.random()];
    await expect(memo(sqlModule.db, key, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await memo(sqlModule.db, key, async () => "second")).toBe("second");
  });

  it("expires an answer as of now at the next event's moment, and at the moment `until` names", async () => {
    const c = counter();
    const key = ["test.until", Math.random()];
    expect(await memo(sqlModule.db, key, c.compute, () => Date.now() + 60_000)).toEqual({ call: 1 });
    expect(await memo(sqlModule.db, key, c.compute, () => Date.now() + 60_000)).toEqual({ call: 1 });
    const gone = ["test.until.past", Math.random()];
    await memo(sqlModule.db, gone, c.compute, () => Date.now() - 1);
    expect(await memo(sqlModule.db, gone, c.compute)).toEqual({ call: 3 });
    // An event dated a few seconds ahead (within the clock skew allowed): an answer as of now lasts until then.
    const sku = await newSku(f, "fifo");
    const ahead = new Date(Date.now() + 3_000).toISOString();
    expectOk(await f.post("finance", { type: "po.confirm", sku, qty: 1, location: "WH-EAST", reference: `PO-${sku}`, unitCost: "1.00", eta: ahead, fob: "destination", supplier: "S", occurredAt: ahead }));
    const later = ["test.until.event", Math.random()];
    await memo(sqlModule.db, later, c.compute);
    expect(await memo(sqlModule.db, later, c.compute)).toEqual({ call: 4 });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(ahead).getTime() - Date.now() + 50)));
    expect(await memo(sqlModule.db, later, c.compute)).toEqual({ call: 5 });
  });
});

describe("the valuation list sorted over kept rows", () => {
  it("pages every sort in the order PostgreSQL's ORDER BY gives the same rows: NULLS LAST either way, then SKU and location", async () => {
    const skus = [await newSku(f, "fifo"), await newSku(f, "average"), await newSku(f, "fifo"), await newSku(f, "standard", "3.00")];
    await buy(f, skus[0], 3, "1.25");
    await buy(f, skus[1], 1, "7.00", { location: "WH-WEST" });
    await buy(f, skus[1], 2, "7.00");
    await buy(f, skus[2], 5, "0.50");
    await buy(f, skus[2], 5, "0.50", { location: "WH-WEST" });
    await buy(f, skus[3], 2, "3.00");
    // Enough rows for two pages, with ties in every column.
    for (let i = 0; i < 8; i++) {
      const sku = await newSku(f, i % 2 ? "average" : "fifo");
      await buy(f, sku, 1 + (i % 3), "2.00");
      await buy(f, sku, 2, i % 2 ? "2.00" : "4.00", { location: "WH-WEST" });
    }
    const q = "f-";
    const matches = (text: string) => text.toUpperCase().includes(q.toUpperCase());
    const rows = (await valuation.valuationRows(new Date(Date.now() + 60_000))).filter((r) => matches(r.sku) || matches(r.name));
    expect(rows.length).toBeGreaterThan(PAGE);
    const column = { sku: "sku", location: "location", owned: "owned", value: "value", unitCost: `"unitCost"` };
    for (const sort of ["sku", "location", "owned", "value", "unitCost"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const expected = await f.query<{ sku: string; location: string }>(
          `SELECT sku, location FROM jsonb_to_recordset($1::jsonb) AS r(sku text, location text, owned int, value numeric, "unitCost" numeric)
           ORDER BY ${column[sort]} ${dir} NULLS LAST, sku, location`,
          JSON.stringify(rows),
        );
        const paged: { sku: string; location: string }[] = [];
        for (let page = 1; page <= Math.ceil(rows.length / PAGE); page++) {
          const answer = await valuation.valuationPage({ q, sort, dir, page });
          expect(answer.total).toBe(rows.length);
          paged.push(...answer.rows.map((r) => ({ sku: r.sku, location: r.location })));
        }
        expect(paged).toEqual(expected);
      }
    }
  });
});
