// GET /api/live: authenticated, role-filtered, and on (re)connect a replay from
// the ledger followed by live groups, with no gap and no duplicate at the seam.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, stock, expectOk, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { noticeWith, openStream, type Notice, type Stream } from "./sse.ts";

let f: LedgerFixture;
const open: Stream[] = [];
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 100);
  await stock(f, "T-AVG", 100);
});
afterAll(async () => {
  open.forEach((stream) => stream.close());
  const { closeHub } = await import("../../lib/server/live/hub.ts");
  await closeHub();
  await f?.drop();
});

async function connect(...args: Parameters<typeof openStream>) {
  const stream = await openStream(...args);
  open.push(stream);
  return stream;
}

const reserve = (sku: string, line: string) => f.post("sales", { type: "reserve", sku, qty: 1, location: "WH-EAST", channel: "web", orderLine: line });
const lastSeq = async () => (await f.query<{ seq: number }>("SELECT coalesce(max(seq), 0)::int AS seq FROM ledger_event"))[0].seq;
/** The group seqs the ledger holds after `after`, for `skus`, in seq order. */
const groupsAfter = async (after: number, skus: string[]) =>
  (await f.query<{ seq: number }>(
    `SELECT max(e.seq)::int AS seq FROM ledger_event e JOIN sku s ON s.id = e.sku_id WHERE e.seq > $1 AND s.code = ANY($2) GROUP BY e.group_id ORDER BY 1`,
    after,
    skus,
  )).map((row) => row.seq);

it("refuses a request without a session or a token (401), and a bad cursor (400)", async () => {
  const anonymous = await connect(null);
  expect(anonymous.status).toBe(401);
  expect(JSON.parse(anonymous.body).code).toBe("unauthenticated");
  const wrong = await connect(null, "", { authorization: "Bearer nope" });
  expect(wrong.status).toBe(401);
  const bad = await connect("sales", "?after=yesterday");
  expect(bad.status).toBe(400);
});

it("a fresh stream says where it starts, then passes on each committed group once, its id the group's last seq", async () => {
  const stream = await connect("warehouse");
  expect(stream.status).toBe(200);
  const ready = await stream.until((frame) => frame.event === "ready");
  expect(JSON.parse(ready.data!)).toEqual({ seq: await lastSeq() });
  const posted = expectOk(await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 2, location: "WH-EAST", reason: "dent" }));
  const seq = (posted.body.event as { seq: number }).seq;
  const frame = await stream.until(noticeWith(seq));
  expect(frame.id).toBe(String(seq));
  expect(JSON.parse(frame.data!)).toMatchObject({ seq, first: seq, group: posted.body.group, type: "hold", sku: "T-FIFO", locations: ["WH-EAST"] });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stream.notices().filter((notice) => notice.seq === seq)).toHaveLength(1);
});

it("replays after ?after= (or Last-Event-ID), then streams live: no gap, no duplicate, even while events post during the connect", async () => {
  const after = await lastSeq();
  for (let i = 0; i < 5; i++) expectOk(await reserve("T-FIFO", `SO-R/${i}`));
  // Posting goes on while the stream connects and replays.
  const posting = Promise.all(Array.from({ length: 20 }, (_, i) => reserve(i % 2 ? "T-FIFO" : "T-AVG", `SO-S/${i}`)));
  const byQuery = await connect("sales", `?after=${after}`);
  const byHeader = await connect("sales", "", { "last-event-id": String(after) });
  (await posting).forEach(expectOk);
  const expected = await groupsAfter(after, ["T-FIFO", "T-AVG"]);
  expect(expected).toHaveLength(25);
  for (const stream of [byQuery, byHeader]) {
    await stream.until(noticeWith(expected.at(-1)!));
    const seqs = stream.notices().map((notice) => notice.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(expected);
    // Per SKU, in seq order (one SKU's commits are serialised by its lock).
    for (const sku of ["T-FIFO", "T-AVG"]) {
      const own = stream.notices().filter((notice) => notice.sku === sku).map((notice) => notice.seq);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
    // The replay comes before `ready`; the ids never go back, so a reconnect never replays what was sent.
    const ids = stream.frames.filter((frame) => frame.id).map((frame) => Number(frame.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  }
});

it("?skus= narrows the stream to those SKUs, replay included", async () => {
  const after = await lastSeq();
  expectOk(await reserve("T-AVG", "SO-K/1"));
  const stream = await connect("sales", `?skus=t-fifo&after=${after}`);
  await stream.until((frame) => frame.event === "ready");
  const fifo = expectOk(await reserve("T-FIFO", "SO-K/2"));
  expectOk(await reserve("T-AVG", "SO-K/3"));
  await stream.until(noticeWith((fifo.body.event as { seq: number }).seq));
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(stream.notices().map((notice) => notice.sku)).toEqual(["T-FIFO"]);
});

it("money reaches finance only; a group about no SKU (a period close) too", async () => {
  const sales = await connect("sales");
  const finance = await connect("finance");
  await Promise.all([sales, finance].map((stream) => stream.until((frame) => frame.event === "ready")));
  const po = expectOk(await f.post("finance", { type: "po.confirm", sku: "T-AVG", qty: 5, location: "WH-EAST", reference: "PO-LIVE", unitCost: "12.3400", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" }));
  const close = expectOk(await f.post("finance", { type: "period.close", period: "2025-06" }));
  const poSeq = (po.body.event as { seq: number }).seq;
  const closeSeq = (close.body.event as { seq: number }).seq;
  await finance.until(noticeWith(closeSeq));
  await sales.until(noticeWith(poSeq));
  await new Promise((resolve) => setTimeout(resolve, 150));
  const find = (stream: Stream, seq: number): Notice | undefined => stream.notices().find((notice) => notice.seq === seq);
  expect(find(finance, poSeq)?.money).toEqual({ unitCost: "12.3400" });
  expect(find(finance, closeSeq)).toMatchObject({ type: "period.close", sku: null });
  expect(find(sales, poSeq)).toMatchObject({ type: "po.confirm", sku: "T-AVG" });
  expect(find(sales, poSeq)).not.toHaveProperty("money");
  expect(find(sales, closeSeq)).toBeUndefined();
  // The replay is filtered the same way.
  const replay = await connect("warehouse", `?after=${poSeq - 1}`);
  await replay.until((frame) => frame.event === "ready");
  expect(replay.notices().map((notice) => [notice.seq, "money" in notice])).toEqual([[poSeq, false]]);
});

it("a closed connection leaves no subscriber behind", async () => {
  const { hub } = await import("../../lib/server/live/hub.ts");
  open.splice(0).forEach((stream) => stream.close());
  await new Promise((resolve) => setTimeout(resolve, 50));
  const before = hub().size;
  const stream = await connect("sales");
  await stream.until((frame) => frame.event === "ready");
  expect(hub().size).toBe(before + 1);
  stream.close();
  await stream.closed;
  await expect.poll(() => hub().size).toBe(before);
});

it("the LISTEN connection comes back after a failure and replays what committed meanwhile", async () => {
  const { hub } = await import("../../lib/server/live/hub.ts");
  const stream = await connect("sales", "?skus=T-FIFO");
  await stream.until((frame) => frame.event === "ready");
  const killed = await f.query<{ ok: boolean }>("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'concord-live' AND datname = current_database()");
  expect(killed).toEqual([{ ok: true }]);
  const during = expectOk(await reserve("T-FIFO", "SO-F/1"));
  const duringSeq = (during.body.event as { seq: number }).seq;
  await stream.until(noticeWith(duringSeq), 15_000);
  const after = expectOk(await reserve("T-FIFO", "SO-F/2"));
  await stream.until(noticeWith((after.body.event as { seq: number }).seq));
  const seqs = stream.notices().map((notice) => notice.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(hub().size).toBeGreaterThan(0);
});
