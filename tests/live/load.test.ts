// The live stream under load: 10 open streams while 1,000 events post through the
// ledger service, concurrently, across four SKUs. Every stream sees every group for
// its SKUs, once, and each SKU's groups in the order they committed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import { openStream, noticeWith, type Stream } from "./sse.ts";
import type { Role } from "../../lib/domain/roles.ts";

const SKUS = ["T-FIFO", "T-AVG", "T-STD", "T-LOAD"];
const EVENTS = 1_000;
const WORKERS = 8;

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await f.query("INSERT INTO sku (code, name, costing_method) VALUES ('T-LOAD', 'Load item', 'fifo')");
  for (const sku of SKUS) await stock(f, sku, EVENTS);
});
afterAll(async () => {
  const { closeHub } = await import("../../lib/server/live/hub.ts");
  await closeHub();
  await f?.drop();
});

it("10 streams, 1,000 events: every stream sees every event for its SKUs, in order, none twice", { timeout: 60_000 }, async () => {
  const { ledgerTransaction } = await import("../../lib/server/ledger/service.ts");
  const { postEvent } = await import("../../lib/server/ledger/post-event.ts");
  const { EventInputSchema } = await import("../../lib/domain/event-input.ts");
  const [{ seq: start }] = await f.query<{ seq: number }>("SELECT max(seq)::int AS seq FROM ledger_event");

  const wanted: { role: Role; skus: string[] | null }[] = [
    { role: "sales", skus: null }, { role: "warehouse", skus: null }, { role: "finance", skus: null }, { role: "admin", skus: null },
    { role: "sales", skus: ["T-FIFO"] }, { role: "sales", skus: ["T-AVG"] }, { role: "warehouse", skus: ["T-STD"] },
    { role: "warehouse", skus: ["T-LOAD"] }, { role: "finance", skus: ["T-FIFO", "T-STD"] }, { role: "sales", skus: ["T-AVG", "T-LOAD"] },
  ];
  const streams: Stream[] = await Promise.all(wanted.map(({ role, skus }) => openStream(role, skus ? `?skus=${skus.join(",")}` : "")));
  await Promise.all(streams.map((stream) => stream.until((frame) => frame.event === "ready")));

  const sales = { id: demoUser("sales").id, role: "sales" as const };
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let i = next++; i < EVENTS; i = next++) {
        const input = EventInputSchema.parse({ type: "reserve", sku: SKUS[i % SKUS.length], qty: 1, location: "WH-EAST", channel: "web", orderLine: `SO-L/${i}` });
        await ledgerTransaction((tx) => postEvent(tx, sales, input));
      }
    }),
  );
  const posted = performance.now() - began;

  const groups = await f.query<{ seq: number; sku: string }>(
    "SELECT max(e.seq)::int AS seq, min(s.code) AS sku FROM ledger_event e JOIN sku s ON s.id = e.sku_id WHERE e.seq > $1 GROUP BY e.group_id ORDER BY 1",
    start,
  );
  expect(groups).toHaveLength(EVENTS);
  await Promise.all(streams.map((stream, i) => {
    const mine = groups.filter((group) => !wanted[i].skus || wanted[i].skus!.includes(group.sku));
    return stream.until(noticeWith(mine.at(-1)!.seq), 30_000);
  }));
  const delivered = performance.now() - began;

  streams.forEach((stream, i) => {
    const skus = wanted[i].skus ?? SKUS;
    const notices = stream.notices();
    expect(new Set(notices.map((n) => n.seq)).size).toBe(notices.length);
    for (const sku of skus) {
      const expected = groups.filter((group) => group.sku === sku).map((group) => group.seq);
      expect(notices.filter((n) => n.sku === sku).map((n) => n.seq)).toEqual(expected);
    }
    expect(notices.every((n) => skus.includes(n.sku!))).toBe(true);
  });
  streams.forEach((stream) => stream.close());
  console.log(`[live load] ${EVENTS} events posted in ${Math.round(posted)} ms (${Math.round(EVENTS / (posted / 1000))}/s); all 10 streams complete after ${Math.round(delivered)} ms`);
});
