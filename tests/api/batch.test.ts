// POST /api/v1/events/batch as an integration sees it: all or nothing, answers in
// order, one Idempotency-Key for the whole batch, and the first refused event named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type Call, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 1_000, { bin: "A-01" });
  await stock(f, "T-AVG", 1_000);
  await stock(f, "T-STD", 60);
}, 60_000);
afterAll(() => f?.drop());

let keys = 0;
type Route = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;
async function batch(
  role: Role,
  body: unknown,
  key = `batch-${++keys}-${Math.random()}`,
  headers: Record<string, string> = {},
): Promise<Call & { replayed: boolean; text: string; headers: Headers }> {
  const { POST } = (await import("../../app/api/v1/events/batch/route.ts")) as { POST: Route };
  const request = new Request("http://concord.test/api/v1/events/batch", {
    method: "POST",
    headers: { authorization: `Bearer ${demoUser(role).token}`, "content-type": "application/json", "idempotency-key": key, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Call["body"], replayed: response.headers.get("idempotent-replayed") === "true", text, headers: response.headers };
}

async function eventCount() {
  const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  return row.n;
}
async function reserved(sku: string) {
  const [row] = await f.query<{ n: number }>(
    "SELECT coalesce(sum(b.qty), 0)::int AS n FROM balance b JOIN sku s ON s.id = b.sku_id WHERE s.code = $1 AND b.state = 'RESERVED'",
    sku,
  );
  return row.n;
}

const reserve = (sku: string, qty: number, orderLine: string) => ({ type: "reserve", sku, qty, location: "WH-EAST", channel: "web", orderLine });
type Result = { event: { type: string; sku: string; qty: number; seq: number }; balances: { state: string; doc: string; qty: number }[] };

describe("POST /api/v1/events/batch", () => {
  it("posts every event and answers each in order, in the single event's shape, with its balances", async () => {
    const events = [reserve("T-FIFO", 1, "SO-B1/1"), reserve("T-AVG", 2, "SO-B1/2"), reserve("T-FIFO", 3, "SO-B1/1")];
    const response = await batch("sales", { events });
    expect(response.status).toBe(201);
    const results = response.body.results as Result[];
    expect(results.map((r) => [r.event.type, r.event.sku, r.event.qty])).toEqual([["reserve", "T-FIFO", 1], ["reserve", "T-AVG", 2], ["reserve", "T-FIFO", 3]]);
    expect(results[0].balances).toContainEqual(expect.objectContaining({ state: "RESERVED", doc: "SO-B1/1", qty: 1 }));
    // The third saw the first: the same order line now holds 4.
    expect(results[2].balances).toContainEqual(expect.objectContaining({ state: "RESERVED", doc: "SO-B1/1", qty: 4 }));
    expect(results[2].event.seq).toBeGreaterThan(results[0].event.seq);
  });

  it("answers an event that needs approval with its approval request, in its place", async () => {
    const events = [
      { type: "return.receive", sku: "T-FIFO", qty: 1, location: "WH-EAST", rma: "RMA-B1" },
      { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", bin: "A-01" },
    ];
    const response = await batch("warehouse", { events });
    expect(response.status).toBe(201);
    const [first, second] = response.body.results as Record<string, unknown>[];
    expect(first).toMatchObject({ approval: { status: "pending" } });
    expect(second).toHaveProperty("event");
  });

  it("refuses the whole batch when event 7 is refused, naming index 7, and writes nothing", async () => {
    const before = await eventCount();
    const events = Array.from({ length: 10 }, (_, i) => reserve(i % 2 ? "T-FIFO" : "T-AVG", i === 7 ? 5_000 : 1, `SO-B2/${i}`));
    const response = await batch("sales", { events });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: "insufficient_quantity", index: 7, status: 409, detail: expect.stringMatching(/Event 7/) });
    expect(await eventCount()).toBe(before);
  });

  it("names the event a write is refused at when the lanes' last writes go together, and writes nothing", async () => {
    // The database refuses T-STD's balance write as if a check failed: the planner saw nothing wrong.
    await f.query(`CREATE FUNCTION refuse_std() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.sku_id = (SELECT id FROM sku WHERE code = 'T-STD') THEN
          RAISE EXCEPTION 'new row for relation "balance" violates check constraint "balance_internal_not_negative"' USING ERRCODE = '23514';
        END IF; RETURN NEW; END $$`);
    await f.query("CREATE TRIGGER refuse_std BEFORE INSERT OR UPDATE ON balance FOR EACH ROW EXECUTE FUNCTION refuse_std()");
    try {
      const before = await eventCount();
      const events = [reserve("T-FIFO", 1, "SO-B9/1"), reserve("T-AVG", 1, "SO-B9/2"), reserve("T-STD", 1, "SO-B9/3"), reserve("T-FIFO", 1, "SO-B9/1"), reserve("T-STD", 1, "SO-B9/3")];
      const response = await batch("sales", { events });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: "insufficient_quantity", index: 2 });
      expect(await eventCount()).toBe(before);
    } finally {
      await f.query("DROP TRIGGER refuse_std ON balance");
      await f.query("DROP FUNCTION refuse_std()");
    }
  });

  it("counts the units of order lines it does not name toward ATP, and moves the ones it names", async () => {
    // A batch reads the order lines it names one by one and the SKU's other open lines as their sum.
    await f.query("INSERT INTO sku (code, name, costing_method) VALUES ('T-OPEN', 'Open lines', 'fifo')");
    await stock(f, "T-OPEN", 10);
    for (const [line, qty] of [["SO-O/1", 3], ["SO-O/2", 4]] as const) expectOk(await f.post("sales", reserve("T-OPEN", qty, line)));
    const before = await eventCount();
    const over = await batch("sales", { events: [reserve("T-OPEN", 3, "SO-O/3"), reserve("T-OPEN", 1, "SO-O/4")] });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ index: 1 });
    expect(await eventCount()).toBe(before);
    const release = { type: "release", sku: "T-OPEN", qty: 1, location: "WH-EAST", orderLine: "SO-O/1" };
    const fits = await batch("sales", { events: [reserve("T-OPEN", 3, "SO-O/3"), release, reserve("T-OPEN", 1, "SO-O/4")] });
    expect(fits.status).toBe(201);
    const last = (fits.body.results as Result[])[2];
    expect(last.balances).toContainEqual(expect.objectContaining({ state: "RESERVED", doc: "SO-O/4", qty: 1 }));
    expect(last.balances).toContainEqual(expect.objectContaining({ state: "AVAILABLE", qty: 0 }));
    expect(await reserved("T-OPEN")).toBe(10);
  });

  it("refuses a malformed event before any work, naming its index and its fields under events[i]", async () => {
    const before = await eventCount();
    const events = Array.from({ length: 10 }, (_, i) => (i === 7 ? { ...reserve("T-FIFO", 1, "SO-B3/7"), qty: 1.5, colour: "red" } : reserve("T-FIFO", 1, `SO-B3/${i}`)));
    const response = await batch("sales", { events });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_input", index: 7 });
    expect(Object.keys(response.body.errors as object)).toEqual(expect.arrayContaining(["events[7].qty"]));
    expect(await eventCount()).toBe(before);
  });

  it("refuses an event type the role may not post, naming its index", async () => {
    const events = [reserve("T-FIFO", 1, "SO-B4/1"), reserve("T-FIFO", 1, "SO-B4/2"), { type: "receive", sku: "T-FIFO", qty: 1, location: "WH-EAST", reference: "PO-X" }];
    const response = await batch("sales", { events });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: "forbidden", index: 2 });
  });

  it("replays the stored answer for the same key and body, and refuses the key with another body", async () => {
    const body = { events: [reserve("T-AVG", 1, "SO-B5/1"), reserve("T-FIFO", 1, "SO-B5/2")] };
    const first = await batch("sales", body, "replay-key");
    expect(first.status).toBe(201);
    const before = await eventCount();
    const again = await batch("sales", body, "replay-key");
    expect(again).toMatchObject({ status: 201, replayed: true, body: first.body });
    expect(await eventCount()).toBe(before);
    const other = await batch("sales", { events: [reserve("T-AVG", 2, "SO-B5/1")] }, "replay-key");
    expect([other.status, other.body.code]).toEqual([409, "idempotency_conflict"]);
    expect(await eventCount()).toBe(before);
  });

  it("stores a large answer compressed and replays it byte for byte, in the form JSON.stringify writes", async () => {
    const body = { events: Array.from({ length: 40 }, (_, i) => reserve("T-AVG", 1, `SO-B5b/${i}`)) };
    const first = await batch("sales", body, "packed-key");
    expect(first.status).toBe(201);
    expect(first.text).toBe(JSON.stringify(JSON.parse(first.text)));
    const [row] = await f.query<{ text: boolean; packed: number }>(
      "SELECT response IS NOT NULL AS text, octet_length(response_packed) AS packed FROM idempotency_record WHERE key = 'packed-key'",
    );
    expect(row).toEqual({ text: false, packed: expect.any(Number) });
    expect(row.packed).toBeLessThan(first.text.length / 4);
    const again = await batch("sales", body, "packed-key");
    expect([again.status, again.replayed, again.text]).toEqual([201, true, first.text]);
    // Sent as it is, whatever the client accepts: Next would otherwise gzip a megabyte per batch.
    expect(again.headers.get("cache-control")).toBe("no-transform");
  });

  it("writes an answer of several rows as JSON.stringify would, its first row serialised once", async () => {
    const { responseText } = await import("../../lib/server/ledger/service.ts");
    const row = (seq: number, doc: string) => ({
      id: `id-${seq}`, seq, group: "g", type: "pick", sku: "T-\"Q\"", qty: 2, from: { location: "WH-EAST", state: "RESERVED", bin: "A-01", doc },
      to: { location: "WH-EAST", state: "PICKED", bin: "", doc }, channel: "web", occurredAt: "2026-01-05T00:00:00.000Z", recordedAt: "2026-01-05T00:00:00.000Z",
      actorId: "a", reason: "ünïcode \\ \n", reference: null, data: { note: "{x}" }, approvalId: null,
    });
    type Body = Parameters<typeof responseText>[0];
    const body = { event: row(1, "SO-1"), events: [row(1, "SO-1"), row(2, "SO-1")], group: "g", balances: [{ location: "WH-EAST", state: "PICKED", bin: "", doc: "SO-1", channel: "", qty: 4 }] } as unknown as Body;
    expect(responseText(body)).toBe(JSON.stringify(body));
    const approval = { approval: { id: "x", status: "pending" } } as unknown as Body;
    expect(responseText(approval)).toBe(JSON.stringify(approval));
  });

  it.each([
    ["an empty list", { events: [] }],
    ["more than 1,000 events", { events: Array.from({ length: 1_001 }, (_, i) => reserve("T-FIFO", 1, `SO-B6/${i}`)) }],
    ["no list", { event: [] }],
    ["a period close", { events: [{ type: "period.close", period: "2026-01" }] }],
  ])("refuses %s with 400", async (_name, body) => {
    const response = await batch("finance", body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_input");
  });

  it("says how many events a batch over the limit held", async () => {
    const response = await batch("sales", { events: Array.from({ length: 1_001 }, (_, i) => reserve("T-FIFO", 1, `SO-B7/${i}`)) });
    expect(response.body.detail).toMatch(/at most 1,000.*1,001/);
  });

  it("refuses a body over 4 MiB with 413", async () => {
    const response = await batch("sales", { events: [{ ...reserve("T-FIFO", 1, "SO-B8/1"), reason: "x".repeat(5 * 1024 * 1024) }] });
    expect([response.status, response.body.code]).toEqual([413, "payload_too_large"]);
  });

  it("posts a batch of 1,000 events", async () => {
    const before = await eventCount();
    const events = Array.from({ length: 1_000 }, (_, i) => reserve(i % 2 ? "T-FIFO" : "T-AVG", 1, `SO-B9/${i % 50}`));
    const response = await batch("sales", { events });
    expect(response.status).toBe(201);
    expect((response.body.results as Result[]).length).toBe(1_000);
    expect(await eventCount()).toBe(before + 1_000);
  }, 60_000);

  it("answers each event of a long one-SKU batch with the balances it left, across the statements it is written in", async () => {
    expect((await f.call("admin", "POST", "/api/v1/skus", { sku: "T-LONG", name: "Long", costingMethod: "fifo" })).status).toBe(201);
    await stock(f, "T-LONG", 2_000);
    const lines = (i: number) => `SO-L/${i % 3}`;
    const response = await batch("sales", { events: Array.from({ length: 900 }, (_, i) => reserve("T-LONG", 1, lines(i))) });
    expect(response.status).toBe(201);
    const results = response.body.results as Result[];
    const seqs = results.map((result) => result.event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    results.forEach((result, i) => {
      const available = result.balances.find((row) => row.state === "AVAILABLE");
      const line = result.balances.find((row) => row.state === "RESERVED" && row.doc === lines(i));
      expect([i, available?.qty, line?.qty]).toEqual([i, 2_000 - (i + 1), Math.floor(i / 3) + 1]);
    });
    // A refusal in the batch's last statement's share: nothing of the batch is posted.
    const before = await eventCount();
    const refused = await batch("sales", { events: Array.from({ length: 800 }, (_, i) => reserve("T-LONG", i === 760 ? 5_000 : 1, lines(i))) });
    expect([refused.status, refused.body.code, refused.body.index]).toEqual([409, "insufficient_quantity", 760]);
    expect(await eventCount()).toBe(before);
    expect(await reserved("T-LONG")).toBe(900);
  }, 60_000);

  it("stores text with quotes, backslashes, braces, commas and non-Latin letters exactly as sent", async () => {
    const awkward = ['PO "quoted" \\ back\\slash', "PO {a,b} NULL", "PO ☃ Größe 😀", 'PO \\"'];
    const events = awkward.map((reference, i) => ({
      type: "po.confirm", sku: "T-FIFO", qty: 1, location: "WH-EAST", reference, reason: `${reference} / ${i}`,
      unitCost: "1.00", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme",
    }));
    const response = await batch("finance", { events });
    expect(response.status).toBe(201);
    const seqs = (response.body.results as Result[]).map((result) => result.event.seq);
    const rows = await f.query<{ reference: string; reason: string; data: Record<string, unknown> }>(
      "SELECT reference, reason, data FROM ledger_event WHERE seq = ANY($1::bigint[]) ORDER BY seq",
      seqs,
    );
    expect(rows.map((row) => [row.reference, row.reason])).toEqual(awkward.map((reference, i) => [reference, `${reference} / ${i}`]));
  });

  it("never oversells when batches over the same SKUs race, in opposite orders", async () => {
    // T-STD holds 60 available: eight batches of ten units each cannot all fit.
    const bodies = Array.from({ length: 8 }, (_, b) => {
      const events = Array.from({ length: 10 }, (_, i) => [reserve("T-STD", 1, `SO-C${b}/${i}`), reserve("T-FIFO", 1, `SO-C${b}/${i}`)]).flat();
      return { events: b % 2 ? events.reverse() : events };
    });
    const before = await reserved("T-STD");
    const answers = await Promise.all(bodies.map((body) => batch("sales", body)));
    const posted = answers.filter((a) => a.status === 201).length;
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === "insufficient_quantity"))).toBe(true);
    expect(posted).toBe(6);
    expect((await reserved("T-STD")) - before).toBe(posted * 10);
  }, 60_000);

  it("refuses, as a conflict and not a 500, the event that would take a balance past what a quantity column holds", async () => {
    // 2,147 orders of 1,000,000 fit in the supplier's position (a 4-byte integer); the 2,148th does not.
    expect((await f.call("admin", "POST", "/api/v1/skus", { sku: "T-HUGE", name: "Huge", costingMethod: "average" })).status).toBe(201);
    const order = (i: number) => ({ type: "po.confirm", sku: "T-HUGE", qty: 1_000_000, location: "WH-EAST", reference: `PO-HUGE-${i}`, unitCost: "0.01", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Big" });
    for (const from of [0, 1_000]) expect((await batch("finance", { events: Array.from({ length: 1_000 }, (_, i) => order(from + i)) })).status).toBe(201);
    const before = await eventCount();
    const refused = await batch("finance", { events: Array.from({ length: 200 }, (_, i) => order(2_000 + i)) });
    expect(refused).toMatchObject({ status: 409, body: { code: "conflict" } });
    expect(refused.body.detail).toContain("2,147,483,647");
    expect(await eventCount()).toBe(before);
    expect((await batch("finance", { events: Array.from({ length: 147 }, (_, i) => order(2_000 + i)) })).status).toBe(201);
    // Alone and together with others: the one refused answers its refusal, the others post.
    const single = await f.post("finance", order(3_000));
    expect([single.status, single.body.code]).toEqual([409, "conflict"]);
    const crowd = await Promise.all([f.post("finance", order(3_001)), f.post("sales", { type: "reserve", sku: "T-AVG", qty: 1, location: "WH-EAST", channel: "web", orderLine: "SO-HUGE" })]);
    expect(crowd.map((answer) => answer.status)).toEqual([409, 201]);
    expect(await eventCount()).toBe(before + 147 + 1);
  }, 60_000);

  it("names the event whose write fails when lanes are written together while later lanes still plan", async () => {
    // T-HUGE's supplier position is full (the test before): one more order of 1,000,000 overflows it.
    const order = (sku: string, qty: number, ref: string) => ({ type: "po.confirm", sku, qty, location: "WH-EAST", reference: ref, unitCost: "0.01", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Big" });
    const before = await eventCount();
    // 249 rows of T-FIFO and T-HUGE's one make a statement's worth, written as T-AVG's lane plans; T-HUGE's fails.
    const first = [
      ...Array.from({ length: 249 }, (_, i) => order("T-FIFO", 1, `PO-LANES-A${i}`)),
      order("T-HUGE", 1_000_000, "PO-LANES-H"),
      ...Array.from({ length: 5 }, (_, i) => order("T-AVG", 1, `PO-LANES-B${i}`)),
    ];
    const refused = await batch("finance", { events: first });
    expect([refused.status, refused.body.code, refused.body.index]).toEqual([409, "conflict", 249]);
    // The same failure in the write made once every lane has planned.
    const last = [...first.slice(0, 3), ...first.slice(250), first[249]];
    const refusedLast = await batch("finance", { events: last });
    expect([refusedLast.status, refusedLast.body.code, refusedLast.body.index]).toEqual([409, "conflict", 8]);
    expect(await eventCount()).toBe(before);
    expect((await batch("finance", { events: [...first.slice(0, 249), ...first.slice(250)] })).status).toBe(201);
  }, 60_000);

  it("leaves the ledger consistent with its projection and valuation", async () => {
    expect(await f.verify()).toEqual([]);
  });
});
