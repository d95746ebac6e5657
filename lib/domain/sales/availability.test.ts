// Every sales formula on small, readable cases (inventory-model §4, Sales).
import { describe, expect, it } from "vitest";
import {
  atpBreakdown, atpCurve, channelAvailability, channelCurve, datedIncoming, promise, promiseAt, refusalInWords, type LocationSupply,
} from "./availability.ts";

const today = "2026-03-02";
function supply(over: Partial<LocationSupply> = {}): LocationSupply {
  return { location: "EAST", states: { AVAILABLE: 20 }, committed: {}, safetyStock: 0, inspectionLeadDays: 0, fences: {}, incoming: [], ...over };
}

describe("ATP today", () => {
  it.each([
    ["no policy: everything available", supply(), "web", 20],
    ["safety stock is never promised", supply({ safetyStock: 5 }), "web", 15],
    ["safety stock above available is a shortfall, not zero", supply({ states: { AVAILABLE: 3 }, safetyStock: 5 }), "web", -2],
    ["another channel's fence is set aside", supply({ fences: { wholesale: 8 } }), "web", 12],
    ["a channel's own fence does not reduce its ATP", supply({ fences: { wholesale: 8 } }), "wholesale", 20],
    ["a fence is consumed by its own channel's commitments first", supply({ states: { AVAILABLE: 20, RESERVED: 6 }, committed: { wholesale: 6 }, fences: { wholesale: 8 } }), "web", 18],
    ["a fence fully consumed sets nothing more aside", supply({ states: { AVAILABLE: 20, RESERVED: 10 }, committed: { wholesale: 10 }, fences: { wholesale: 8 } }), "web", 20],
  ])("%s", (_name, s, channel, atp) => {
    expect(atpCurve(s, channel, today)[0].atp).toBe(atp);
  });
});

describe("the dated curve", () => {
  const incoming = [
    { ref: "PO-2", state: "ON_ORDER" as const, qty: 12, eta: "2026-03-14" },
    { ref: "PO-1", state: "INBOUND_TRANSIT" as const, qty: 5, eta: "2026-03-06" },
    { ref: "PO-0", state: "ON_ORDER" as const, qty: 9, eta: "2026-02-25" },
    { ref: "TR-1", state: "TRANSFER_TRANSIT" as const, qty: 4, eta: null },
  ];

  it("adds each receipt on its ETA plus the inspection lead days; overdue and undated incoming do not count", () => {
    const curve = atpCurve(supply({ states: { AVAILABLE: 7 }, inspectionLeadDays: 2, incoming }), "web", today);
    expect(curve.map((p) => [p.date, p.atp, p.refs])).toEqual([
      [today, 7, []],
      ["2026-03-08", 12, ["PO-1"]],
      ["2026-03-16", 24, ["PO-2"]],
    ]);
  });

  it("flags incoming whose ETA has passed as overdue", () => {
    const dated = datedIncoming(supply({ incoming }), today);
    expect(dated.filter((item) => item.overdue).map((item) => item.ref)).toEqual(["PO-0"]);
    expect(dated.find((item) => item.ref === "TR-1")).toMatchObject({ availableOn: null, overdue: false });
  });

  it("stops at the horizon", () => {
    expect(atpCurve(supply({ incoming }), "web", today, 7).map((p) => p.date)).toEqual([today, "2026-03-06"]);
  });

  it("for the channel, sums what each location can promise without borrowing one's shortfall from another", () => {
    const east = supply({ states: { AVAILABLE: 2 }, safetyStock: 5 });
    const west = supply({ location: "WEST", states: { AVAILABLE: 4 }, incoming: [{ ref: "PO-9", state: "ON_ORDER", qty: 6, eta: "2026-03-10" }] });
    expect(channelCurve([east, west], "web", today).map((p) => [p.date, p.atp])).toEqual([[today, 4], ["2026-03-10", 10]]);
    expect(channelAvailability([east, west], "web", today)).toMatchObject({ atp: 4, shortfall: -3, sellable: 1 });
  });
});

describe("promise", () => {
  const east = supply({
    states: { AVAILABLE: 7 },
    incoming: [
      { ref: "PO-A", state: "ON_ORDER", qty: 5, eta: "2026-03-10" },
      { ref: "PO-B", state: "ON_ORDER", qty: 10, eta: "2026-03-20" },
    ],
  });
  const west = supply({ location: "WEST", states: { AVAILABLE: 3 }, incoming: [{ ref: "PO-W", state: "ON_ORDER", qty: 20, eta: "2026-03-12" }] });

  it.each([
    ["within today's ATP", 7, today, []],
    ["needing one receipt", 10, "2026-03-10", ["PO-A"]],
    ["needing two receipts", 20, "2026-03-20", ["PO-A", "PO-B"]],
  ])("at one location: %s", (_name, qty, date, relies) => {
    const answer = promiseAt(east, "web", qty, today);
    expect([answer.date, answer.relies.map((item) => item.ref)]).toEqual([date, relies]);
  });

  it("cannot promise within the horizon, and says how many are missing", () => {
    expect(promiseAt(east, "web", 30, today)).toMatchObject({ date: null, shortBy: 8 });
    // In words, "today" and "missing" are told apart: the one at the best location now, the other with its receipts.
    expect(refusalInWords(promise([east, west], "web", 100, today))).toMatch(
      /^Only \d+ available to promise on web today at any one location \(an order line is served from one\); even with the receipts due in the next 90 days, \d+ of the 100 would still be missing\.$/,
    );
  });

  it("across two locations, an order line goes to the one that can serve it soonest", () => {
    const answer = promise([east, west], "web", 15, today);
    expect(answer.best).toMatchObject({ location: "WEST", date: "2026-03-12" });
    expect(answer.locations.map((l) => [l.location, l.date])).toEqual([["EAST", "2026-03-20"], ["WEST", "2026-03-12"]]);
  });

  it("explains a refusal in a rep's words", () => {
    const words = refusalInWords(promise([supply({ states: { AVAILABLE: 7 }, incoming: [{ ref: "PO-7", state: "ON_ORDER", qty: 12, eta: "2026-03-14" }] })], "wholesale", 12, today));
    expect(words).toBe("Only 7 available to promise on wholesale today; 12 more arrive on 14 March at EAST (PO-7), so all 12 can be promised from then.");
  });
});

describe("why ATP is lower than on hand", () => {
  it("the buckets add up exactly to on hand less ATP", () => {
    const s = supply({
      states: { AVAILABLE: 30, RESERVED: 4, PICKED: 2, RECEIVING: 3, QUALITY_HOLD: 1, DAMAGED: 2 },
      committed: { web: 4, wholesale: 2 },
      safetyStock: 5,
      fences: { wholesale: 10, marketplace: 3 },
    });
    const { onHand, atp, buckets } = atpBreakdown(s, "web");
    expect(onHand - atp).toBe(buckets.reduce((total, bucket) => total + bucket.qty, 0));
    expect(buckets).toEqual([
      { bucket: "committed:web", qty: 4 },
      { bucket: "committed:wholesale", qty: 2 },
      { bucket: "not-sellable:RECEIVING", qty: 3 },
      { bucket: "not-sellable:QUALITY_HOLD", qty: 1 },
      { bucket: "not-sellable:DAMAGED", qty: 2 },
      { bucket: "safety-stock", qty: 5 },
      { bucket: "fence:marketplace", qty: 3 },
      { bucket: "fence:wholesale", qty: 8 },
    ]);
  });

  it("lists channels by code, whatever order the balances were read in", () => {
    const parts = { states: { AVAILABLE: 30, RESERVED: 6 }, safetyStock: 0 };
    const one = supply({ ...parts, committed: { web: 4, wholesale: 2 }, fences: { wholesale: 10, marketplace: 3 } });
    const other = supply({ ...parts, committed: { wholesale: 2, web: 4 }, fences: { marketplace: 3, wholesale: 10 } });
    expect(atpBreakdown(other, "web")).toEqual(atpBreakdown(one, "web"));
    expect(atpBreakdown(other, "web").buckets.map((b) => b.bucket)).toEqual(["committed:web", "committed:wholesale", "fence:marketplace", "fence:wholesale"]);
  });
});
