// A batch posts exactly what the same events posted one by one would: random
// sequences go to two twin catalogues in one database (the fixture's SKUs, and
// copies of them under other codes), one event per request for the first, as
// batches (a run of one role's events per request) for the twins. Every event gets
// the same answer, and the ledger, balances, journal, cost layers, holdings and
// invoice matches of twin SKUs come out equal; the whole equals its own replay.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, type Call, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { stepArbitrary, type Post, type Step } from "../helpers/event-arbitrary.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

let f: LedgerFixture;
const now = new Date();
/** The batched side's twin of each fixture SKU. */
const twin = (code: string) => code.replace(/^T-/, "W-");

beforeAll(async () => {
  f = await ledgerFixture();
  await f.query(`INSERT INTO sku (code, name, costing_method, standard_cost) SELECT 'W-' || substr(code, 3), name, costing_method, standard_cost FROM sku WHERE code LIKE 'T-%'`);
}, 60_000);
afterAll(() => f?.drop());

type Route = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;
let keys = 0;
async function postBatch(role: Role, events: Record<string, unknown>[]): Promise<Call> {
  const { POST } = (await import("../../app/api/v1/events/batch/route.ts")) as { POST: Route };
  const request = new Request("http://concord.test/api/v1/events/batch", {
    method: "POST",
    headers: { authorization: `Bearer ${demoUser(role).token}`, "content-type": "application/json", "idempotency-key": `diff-${++keys}` },
    body: JSON.stringify({ events }),
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Call["body"] };
}

/** "{n}" made unique per run; an event dated within the last minutes is sent undated (posted now), so runs build stock in date order. */
function prepare(step: Post, run: number, batched: boolean): Post {
  const body = Object.fromEntries(
    Object.entries(step.body)
      .filter(([key, value]) => !(key === "occurredAt" && typeof value === "string" && now.getTime() - Date.parse(value) < 5 * 60_000))
      .map(([key, value]) => [key, key === "sku" && batched ? twin(String(value)) : typeof value === "string" ? value.replace("{n}", String(run)) : value]),
  );
  return { who: step.who, body };
}

type Side = { statuses: number[]; details: string[]; reversible: Post[] };
const sides: Record<"single" | "batched", Side> = { single: { statuses: [], details: [], reversible: [] }, batched: { statuses: [], details: [], reversible: [] } };

function remember(side: Side, post: Post, status: number, result: Record<string, unknown> | undefined) {
  side.statuses.push(status);
  // Twin codes read alike; so do the moments posting happened at (each side posted at its own).
  side.details.push(
    String(result?.detail ?? "")
      .replace(/\bW-/g, "T-").replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<moment>")
      .replace(/#\d+/g, "#<seq>")
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<group>"),
  );
  const event = result?.event as { seq: number; from: unknown } | undefined;
  if (status === 201 && event?.from && post.body.type !== "reverse") {
    side.reversible.push({ who: post.who, body: { type: "reverse", reverses: event.seq, reason: "differential" } });
  }
}

/** The steps as posts, reversals resolved against what this side has posted. */
function resolve(steps: Step[], side: Side, run: number): Post[] {
  const batched = side === sides.batched;
  return steps.flatMap((step): Post[] => {
    if ("decide" in step) return [];
    if ("reverse" in step) {
      if (!side.reversible.length) return [];
      const target = side.reversible[step.reverse % side.reversible.length];
      return [{ ...target, body: { ...target.body, ...(step.occurredAt ? { occurredAt: step.occurredAt } : {}) } }];
    }
    return [prepare(step, run, batched)];
  });
}

async function runSingle(steps: Step[], run: number): Promise<Post[]> {
  const posts = resolve(steps, sides.single, run);
  for (const post of posts) {
    const response = await f.post(post.who, post.body);
    remember(sides.single, post, response.status, response.body);
  }
  return posts;
}

/** Consecutive posts of one role go as one batch; a refused batch posts what came before the refused event, then that event alone, then the rest. */
async function runBatched(steps: Step[], run: number) {
  const posts = resolve(steps, sides.batched, run);
  for (let start = 0; start < posts.length; ) {
    let end = start;
    while (end < posts.length && posts[end].who === posts[start].who) end++;
    let rest = posts.slice(start, end);
    while (rest.length) {
      const response = await postBatch(rest[0].who, rest.map((post) => post.body));
      if (response.status === 201) {
        const results = response.body.results as Record<string, unknown>[];
        rest.forEach((post, i) => remember(sides.batched, post, "approval" in results[i] ? 202 : 201, results[i]));
        rest = [];
        continue;
      }
      const index = typeof response.body.index === "number" ? response.body.index : 0;
      if (index > 0) {
        const before = await postBatch(rest[0].who, rest.slice(0, index).map((post) => post.body));
        expect(before.status, JSON.stringify(before.body)).toBe(201);
        const results = before.body.results as Record<string, unknown>[];
        rest.slice(0, index).forEach((post, i) => remember(sides.batched, post, "approval" in results[i] ? 202 : 201, results[i]));
      }
      const alone = await f.post(rest[index].who, rest[index].body);
      expect(alone.status, `the event a batch refused, posted alone: ${JSON.stringify(alone.body)}`).toBe(response.status);
      remember(sides.batched, rest[index], alone.status, alone.body);
      rest = rest.slice(index + 1);
    }
    start = end;
  }
}

/** What both sides must hold alike: no ids, sequence numbers or clock readings, only what moved and what it was worth. */
async function snapshot(prefix: "T-" | "W-") {
  const sku = `'T-' || substr(s.code, 3)`;
  const mine = `s.code LIKE '${prefix}%'`;
  const [ledger, balances, journal, layers, holdings, matches, pools, documents] = await Promise.all([
    // In each SKU's order: a batch posts its SKUs side by side, so only the order within a SKU is the events' own.
    f.query(`SELECT e.type, ${sku} AS sku, e.qty, l.code AS location, e.from_state, e.from_bin, e.from_doc, t.code AS to_location, e.to_state,
                    e.to_bin, e.to_doc, c.code AS channel, e.reason, CASE WHEN e.reference LIKE '#%' THEN '#' ELSE e.reference END AS reference,
                    e.data - 'reversesGroup' - 'reversesSeq' AS data
               FROM ledger_event e JOIN sku s ON s.id = e.sku_id LEFT JOIN location l ON l.id = e.location_id
               LEFT JOIN location t ON t.id = e.to_location_id LEFT JOIN channel c ON c.id = e.channel_id
              WHERE ${mine} ORDER BY 2, e.seq`),
    f.query(`SELECT ${sku} AS sku, l.code AS location, b.state, b.bin, b.doc, b.qty FROM balance b JOIN sku s ON s.id = b.sku_id
               JOIN location l ON l.id = b.location_id WHERE b.qty <> 0 AND ${mine} ORDER BY 1, 2, 3, 4, 5`),
    f.query(`SELECT ${sku} AS sku, j.account, sum(j.debit)::text AS debit, sum(j.credit)::text AS credit, j.doc FROM journal_line j JOIN sku s ON s.id = j.sku_id
              WHERE ${mine} GROUP BY 1, 2, 5 ORDER BY 1, 2, 5`),
    f.query(`SELECT ${sku} AS sku, c.unit_cost::text, c.qty_in, c.value_in::text, c.qty_left, c.value_left::text FROM cost_layer c JOIN sku s ON s.id = c.sku_id
              WHERE ${mine} ORDER BY 1, c.seq`),
    f.query(`SELECT ${sku} AS sku, h.kind, h.doc, h.qty, h.value::text FROM cost_holding h JOIN sku s ON s.id = h.sku_id WHERE ${mine} ORDER BY 1, 2, 3`),
    f.query(`SELECT ${sku} AS sku, m.doc, m.unit_cost::text, m.booked_qty, m.invoiced_qty FROM invoice_match m JOIN sku s ON s.id = m.sku_id WHERE ${mine} ORDER BY 1, 2`),
    f.query(`SELECT ${sku} AS sku, p.qty, p.value::text, p.unit_cost::text FROM cost_pool p JOIN sku s ON s.id = p.sku_id WHERE ${mine} ORDER BY 1`),
    f.query(`SELECT d.kind, d.ref, ${sku} AS sku, d.fob, d.unit_cost::text FROM document d JOIN sku s ON s.id = d.sku_id WHERE ${mine} ORDER BY 1, 2, 3`),
  ]);
  return { ledger, balances, journal, layers, holdings, matches, pools, documents };
}

it("a batch posts what the same events one by one post: the same answers, ledger, balances and valuation", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(stepArbitrary(now), { minLength: 3, maxLength: 20 }), async (groups) => {
      run += 1;
      const steps = groups.flat();
      const from = sides.single.statuses.length;
      const posts = await runSingle(steps, run);
      await runBatched(steps, run);
      const answers = (side: Side) => side.statuses.slice(from).map((status, i) => `${status} ${side.details[from + i]} ${JSON.stringify(posts[i]?.body)}`);
      expect(answers(sides.batched)).toEqual(answers(sides.single));
      expect(await snapshot("W-")).toEqual(await snapshot("T-"));
      expect(await f.verify()).toEqual([]);
    }),
    { numRuns: 20, seed: Number(process.env.FC_SEED ?? Date.now() % 100000), endOnFailure: true },
  );
  // The batches must really post, and really post through the chained path, or the equality proves little.
  expect(sides.batched.statuses.filter((status) => status === 201).length).toBeGreaterThan(40);
}, 240_000);
