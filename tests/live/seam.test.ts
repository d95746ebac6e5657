// The seam between replay and live, made deterministic: the hub hands the stream a
// group's notice late (after the replay read it from the ledger), as a NOTIFY that
// reaches the LISTEN connection after another connection already sees the commit.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ledgerFixture, stock, expectOk, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import type { LiveNotice } from "../../lib/server/live/notice.ts";

const delivered: LiveNotice[] = [];
let subscriber: ((notice: LiveNotice) => void) | null = null;
vi.mock("../../lib/server/live/hub.ts", () => ({
  hub: () => ({
    subscribe: async (callback: (notice: LiveNotice) => void) => {
      subscriber = callback;
      // Late arrivals, handed over while the stream has not replayed yet.
      delivered.forEach(callback);
      return () => (subscriber = null);
    },
  }),
}));

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 10);
});
afterAll(() => f?.drop());

it("a group both replayed and then heard live is sent once; a later one is sent too", async () => {
  const { openStream, noticeWith } = await import("./sse.ts");
  const [{ seq: after }] = await f.query<{ seq: number }>("SELECT max(seq)::int AS seq FROM ledger_event");
  const hold = expectOk(await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "dent" }));
  const seq = (hold.body.event as { seq: number }).seq;
  const notice: LiveNotice = { seq, first: seq, group: hold.body.group as string, type: "hold", sku: "T-FIFO", locations: ["WH-EAST"], occurredAt: "" };
  delivered.push(notice);
  const stream = await openStream("sales", `?after=${after}`);
  await stream.until((frame) => frame.event === "ready");
  subscriber!(notice); // and once more after the replay, as a slow LISTEN connection might
  subscriber!({ ...notice, seq: seq + 100, first: seq + 100, group: "later" });
  await stream.until(noticeWith(seq + 100));
  expect(stream.notices().map((n) => n.seq)).toEqual([seq, seq + 100]);
  stream.close();
});
