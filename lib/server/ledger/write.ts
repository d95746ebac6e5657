import "server-only";
import { randomUUID } from "node:crypto";
import { empty, letStatementsLeave, sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { Plan } from "@/lib/domain/plan";
import { netByPosition, positionKey, type BalanceRow, type Leg } from "@/lib/domain/positions";
import { dayOf, isoMoment } from "@/lib/domain/periods";
import { isState } from "@/lib/domain/states";
import { channelId, locationId, type Refs, type SkuRef } from "./refs";
import { insertLeg, insertMemo, mapConstraint, type EventFields, type EventRow } from "./store";
import { LIVE_CHANNEL, moneyOf, noticePayload } from "@/lib/server/live/notice";

export type PostedEvent = {
  id: string;
  seq: number;
  /** The request this row belongs to: every row one request wrote shares it. */
  group: string;
  type: string;
  sku: string | null;
  qty: number;
  from: { location: string; state: string; bin: string; doc: string } | null;
  to: { location: string; state: string; bin: string; doc: string } | null;
  channel: string | null;
  occurredAt: string;
  recordedAt: string;
  actorId: string;
  reason: string | null;
  reference: string | null;
  data: Record<string, unknown>;
  approvalId: string | null;
};

export type Posted = { kind: "posted"; group: string; events: PostedEvent[]; balances: BalanceRow[] };

export type GroupFields = Omit<EventFields, "groupId" | "skuId" | "data" | "type">;

/** Writes one request's group: a row per leg (balances with each), or one memo row; then the documents it opens. */
export async function writeGroup(tx: Db, refs: Refs, sku: SkuRef | null, plan: Plan, header: GroupFields & { qty: number; location?: string }): Promise<Posted> {
  const fields: EventFields = { ...header, type: plan.type, skuId: sku?.id ?? null, data: plan.data, groupId: randomUUID() };
  if (fields.reversesGroup) {
    // The database says "once" too: a second reversal of the group cannot commit.
    const claimed = await tx.query<{ group_id: string }>(sql`
      INSERT INTO reversal (group_id, reversed_by) VALUES (${fields.reversesGroup}::uuid, ${fields.groupId}::uuid)
      ON CONFLICT DO NOTHING RETURNING group_id`);
    if (!claimed.length) throw new DomainError("conflict", "That event group has already been reversed.");
  }
  const rows: EventRow[] = [];
  const after = new Map<string, BalanceRow>();
  for (const leg of plan.legs) {
    const { event, balances } = await insertLeg(tx, refs, fields, leg);
    rows.push(event);
    for (const balance of balances) after.set(positionKey(balance), balance);
  }
  if (!plan.legs.length) rows.push(await insertMemo(tx, refs, { ...fields, qty: header.qty, location: header.location }));
  if (sku) await openDocuments(tx, refs, sku, plan, rows[0], fields.reference);
  await notify(tx, sku, fields, plan, rows, header.location);
  return answer(sku, fields, plan.legs, rows, [...after.values()], header.qty);
}

/**
 * Tells open screens (lib/server/live) that this group committed. PostgreSQL holds a
 * NOTIFY until COMMIT and drops it on ROLLBACK, and delivers in commit order; queued
 * to leave with COMMIT, it costs no round trip of its own.
 */
async function notify(tx: Db, sku: SkuRef | null, fields: EventFields, plan: Plan, rows: EventRow[], location: string | undefined) {
  const statement = sql`SELECT pg_notify(${LIVE_CHANNEL}, ${notice(sku, fields, plan, rows.map((row) => Number(row.seq)), location)})`;
  if (tx.beforeCommit) tx.beforeCommit(statement);
  else await tx.query(statement);
}

/** The live notice of one committed group (lib/server/live/notice.ts). */
function notice(sku: SkuRef | null, fields: EventFields, plan: Plan, seqs: number[], location: string | undefined): string {
  const locations = new Set<string>(location ? [location] : []);
  for (const leg of plan.legs) locations.add(leg.from.location).add(leg.to.location);
  return noticePayload({
    seq: Math.max(...seqs),
    first: Math.min(...seqs),
    group: fields.groupId,
    type: fields.type,
    sku: sku?.code ?? null,
    locations: [...locations].sort(),
    occurredAt: isoMoment(fields.occurredAt),
    money: moneyOf(fields.data),
  });
}

async function openDocuments(tx: Db, refs: Refs, sku: SkuRef, plan: Plan, first: EventRow, reference: string | null | undefined) {
  if (plan.document) {
    const doc = plan.document;
    await tx.query(sql`
      INSERT INTO document (kind, ref, sku_id, location_id, channel_id, eta, fob, unit_cost, party, created_seq)
      VALUES (${doc.kind}, ${doc.ref}, ${sku.id}::uuid, ${locationId(refs, doc.location)}::uuid,
              ${doc.channel ? channelId(refs, doc.channel) : null}::uuid, ${doc.eta ?? null}, ${doc.fob ?? null},
              ${doc.unitCost ?? null}::numeric, ${doc.party ?? null}, ${first.seq})
      ON CONFLICT (kind, ref, sku_id) DO NOTHING`);
  }
  if (plan.type === "po.ship" && typeof plan.data.eta === "string") {
    await tx.query(sql`UPDATE document SET eta = ${new Date(plan.data.eta)} WHERE kind = 'po' AND sku_id = ${sku.id}::uuid AND ref = ${reference ?? null}`);
  }
  if (plan.type === "cost.change") {
    await tx.query(sql`UPDATE sku SET standard_cost = ${String(plan.data.standardCost)}::numeric WHERE id = ${sku.id}::uuid`);
  }
}

function answer(sku: SkuRef | null, fields: EventFields, legs: Leg[], rows: EventRow[], balances: BalanceRow[], memoQty: number): Posted {
  const events = rows.map((row, index): PostedEvent => {
    const leg = legs[index];
    const side = (p: Leg["from"]) => ({ location: p.location, state: p.state, bin: p.bin, doc: p.doc });
    return {
      id: row.id,
      seq: Number(row.seq),
      group: fields.groupId,
      type: fields.type,
      sku: sku?.code ?? null,
      qty: leg?.qty ?? memoQty,
      from: leg ? side(leg.from) : null,
      to: leg ? side(leg.to) : null,
      channel: leg ? leg.from.channel || leg.to.channel || null : null,
      occurredAt: isoMoment(fields.occurredAt),
      recordedAt: isoMoment(row.recorded_at),
      actorId: fields.actorId,
      reason: fields.reason ?? null,
      reference: fields.reference ?? null,
      data: fields.data,
      approvalId: fields.approvalId ?? null,
    };
  });
  return { kind: "posted", group: fields.groupId, events, balances };
}

/** A group planned in memory, to be written with others by `writeLanes`. */
export type PlannedGroup = { plan: Plan; header: GroupFields & { qty: number; location?: string } };

/** One SKU's planned groups, in the order they were planned on its state. */
export type Lane = { refs: Refs; sku: SkuRef; groups: PlannedGroup[] };

/** A ledger row of the write: `row` is its place (1, 2, …); the write gives it the sequence number at that place. */
type RowOut = { row: number; id: string; group: number; leg: Leg | null };

/**
 * Ledger rows per write statement. A batch's thousand events are written in a few
 * statements sent back to back: PostgreSQL writes the first while the next is
 * shaped here, and each one's answers are built while it writes the next, instead
 * of each side waiting for the other's whole share.
 */
export const ROWS_PER_WRITE = 250;

/**
 * Writes the planned groups of several SKUs (each SKU's planned one after another
 * under its lock) set by set: every ledger row with its sequence number, the
 * balances and per-day movements (net per SKU and position), and the documents
 * they open, in statements of about ROWS_PER_WRITE rows, in order. Each group's
 * answer shows its balances as that group left them: the final balance less what
 * later groups of its SKU moved. No reversal or cost change here: those are
 * written by `writeGroup`. `onPart` receives each statement's answers as they are
 * built (a lane, the place of its first group there, their answers). Should a
 * statement fail, the first failure rejects once every statement sent has been
 * answered (the transaction is then aborted).
 *
 * A caller that takes the answers part by part (a batch) has more writes to send:
 * each part's live notices leave at once (`Db.alongside`), for PostgreSQL to handle
 * between writes. Otherwise (a group commit, whose next statement is its COMMIT)
 * they leave with COMMIT, in the same socket write.
 */
export async function writeLanes(tx: Db, lanes: Lane[], onPart?: (lane: Lane, from: number, posted: Posted[]) => void): Promise<Posted[][]> {
  const byLane = new Map<Lane, Posted[]>(lanes.map((lane) => [lane, new Array<Posted>(lane.groups.length)]));
  const writes: Promise<void>[] = [];
  const parts = splitLanes(lanes, ROWS_PER_WRITE);
  for (const [i, part] of parts.entries()) {
    const written = writePart(tx, part, onPart !== undefined).then((postedOf) => {
      for (const [slice, posted] of postedOf) {
        const { lane, from } = partOf.get(slice)!;
        byLane.get(lane)!.splice(from, posted.length, ...posted);
        onPart?.(lane, from, posted);
      }
    });
    written.catch(() => {}); // awaited below, after every statement sent is answered
    writes.push(written);
    if (i < parts.length - 1) await letStatementsLeave();
  }
  const settled = await Promise.allSettled(writes);
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return lanes.map((lane) => byLane.get(lane)!);
}

/** Each part's lane, and the place of the part's first group in it. */
const partOf = new WeakMap<Lane, { lane: Lane; from: number }>();

/**
 * The lanes' groups in statements of about `about` ledger rows each (as many as
 * the rows make to the nearest whole, so no statement is left with a small tail);
 * a lane's groups stay in order, a group stays whole.
 */
function splitLanes(lanes: Lane[], about: number): Lane[][] {
  const rowsOf = (group: PlannedGroup) => Math.max(group.plan.legs.length, 1);
  const total = lanes.reduce((sum, lane) => sum + lane.groups.reduce((rows, group) => rows + rowsOf(group), 0), 0);
  const rows = Math.ceil(total / Math.max(1, Math.round(total / about)));
  const parts: Lane[][] = [];
  let current: Lane[] = [];
  let size = 0;
  for (const lane of lanes) {
    let from = 0;
    lane.groups.forEach((group, i) => {
      const n = rowsOf(group);
      if (size + n > rows && size > 0) {
        if (i > from) current.push(part(lane, from, i));
        parts.push(current);
        current = [];
        size = 0;
        from = i;
      }
      size += n;
    });
    if (lane.groups.length > from) current.push(part(lane, from, lane.groups.length));
  }
  if (current.length) parts.push(current);
  return parts;
}

function part(lane: Lane, from: number, to: number): Lane {
  const slice = from === 0 && to === lane.groups.length ? { ...lane } : { ...lane, groups: lane.groups.slice(from, to) };
  partOf.set(slice, { lane, from });
  return slice;
}

/** One statement's share of the lanes: written, with each lane's answers. */
async function writePart(tx: Db, live: Lane[], notifyNow: boolean): Promise<Map<Lane, Posted[]>> {
  // Rows are numbered 1, 2, … here; the statement takes that many sequence numbers,
  // in order, and each row (and each reference to one) gets the number at its place.
  // The sequence is named outright: looking it up by column cost a catalogue read per row.
  // The rows travel as json, read once into records: converting them to jsonb first cost more.
  let rows = 0;
  const shaped = live.map((lane) => shapeLane(lane, () => ++rows));
  const all = <K extends keyof ShapedLane>(key: K) => shaped.flatMap((lane) => lane[key] as unknown[]);
  const skuIds = live.map((lane) => lane.sku.id);

  const json = (value: unknown) => JSON.stringify(value);
  // Documents opened and ETAs changed are rare beside moves: their parts of the statement are left out
  // when there are none (each part costs its executor start, even with no rows to write).
  const opened = all("opened");
  const etaRows = all("etas");
  const docs = opened.length
    ? sql`, docs AS (
      INSERT INTO document (kind, ref, sku_id, location_id, channel_id, eta, fob, unit_cost, party, created_seq)
      SELECT x.kind, x.ref, x.sku_id, x.location_id, x.channel_id, x.eta, x.fob, x.unit_cost, x.party, (SELECT seqs[x.created_place] FROM numbers)
        FROM json_to_recordset(${json(opened)}::json) AS x(kind text, ref text, sku_id uuid, location_id uuid, channel_id uuid, eta timestamptz,
             fob text, unit_cost numeric, party text, created_place int)
      ON CONFLICT (kind, ref, sku_id) DO NOTHING
    )`
    : empty;
  const etas = etaRows.length
    ? sql`, etas AS (
      UPDATE document d SET eta = x.eta
        FROM json_to_recordset(${json(etaRows)}::json) AS x(sku_id uuid, ref text, eta timestamptz)
       WHERE d.kind = 'po' AND d.sku_id = ANY(${skuIds}::uuid[]) AND d.sku_id = x.sku_id AND d.ref = x.ref
    )`
    : empty;
  // The ledger rows travel as one array per column: PostgreSQL reads those about four times faster than
  // the same rows as json records, and the write is the part of a batch PostgreSQL spends longest on.
  const ledgerRows = all("ledgerRows") as LedgerRow[];
  const column = (key: keyof LedgerRow) => arrayLiteral(ledgerRows.map((row) => (key !== "data" ? row[key] : row.data == null ? null : JSON.stringify(row.data))), !PLAIN_COLUMNS.has(key));
  const [written] = await tx.query<{ seqs: (string | number)[]; rows: [number, string, string][]; balances: [string, string, string, string, string, string, number][] }>(sql`
    WITH numbers AS MATERIALIZED (
      SELECT array_agg(n ORDER BY n) AS seqs FROM (SELECT nextval('ledger_event_seq_seq'::regclass) AS n FROM generate_series(1, ${rows}::int)) t
    ), ev AS (
      INSERT INTO ledger_event (seq, id, type, sku_id, qty, location_id, from_state, from_bin, from_doc, to_location_id, to_state, to_bin, to_doc,
                                channel_id, occurred_at, actor_id, reason, reference, data, approval_id, group_id)
      SELECT (SELECT seqs[x.place] FROM numbers), x.id, x.type, x.sku_id, x.qty, x.location_id, x.from_state, x.from_bin, x.from_doc, x.to_location_id, x.to_state, x.to_bin, x.to_doc,
             x.channel_id, x.occurred_at, x.actor_id, x.reason, x.reference, x.data, x.approval_id, x.group_id
        FROM unnest(${column("place")}::int[], ${column("id")}::uuid[], ${column("type")}::text[], ${column("sku_id")}::uuid[], ${column("qty")}::int[],
             ${column("location_id")}::uuid[], ${column("from_state")}::text[], ${column("from_bin")}::text[], ${column("from_doc")}::text[],
             ${column("to_location_id")}::uuid[], ${column("to_state")}::text[], ${column("to_bin")}::text[], ${column("to_doc")}::text[],
             ${column("channel_id")}::uuid[], ${column("occurred_at")}::timestamptz[], ${column("actor_id")}::uuid[], ${column("reason")}::text[],
             ${column("reference")}::text[], ${column("data")}::jsonb[], ${column("approval_id")}::uuid[], ${column("group_id")}::uuid[])
          AS x(place, id, type, sku_id, qty, location_id, from_state, from_bin, from_doc, to_location_id, to_state, to_bin, to_doc,
               channel_id, occurred_at, actor_id, reason, reference, data, approval_id, group_id)
      RETURNING seq, id, recorded_at
    ), moves AS (
      SELECT m.sku_id, m.location_id, m.state, m.bin, m.doc, m.channel_id, m.delta, (SELECT seqs[m.last_place] FROM numbers) AS last_seq
        FROM json_to_recordset(${json(all("moveRows"))}::json)
          AS m(sku_id uuid, location_id uuid, state text, bin text, doc text, channel_id text, delta int, last_place int)
    ), upd AS (
      -- Update first: a CHECK applies to the row an INSERT proposes even when ON CONFLICT would merge it.
      -- Each move finds its row by the primary key (a SKU keeps many settled positions: reading them all costs more).
      UPDATE balance b SET qty = b.qty + m.delta, last_seq = m.last_seq FROM moves m
      WHERE b.sku_id = m.sku_id AND b.location_id = m.location_id AND b.state = m.state
        AND b.bin = m.bin AND b.doc = m.doc AND b.channel_id = m.channel_id
      RETURNING b.sku_id, b.location_id, b.state, b.bin, b.doc, b.channel_id, b.qty
    ), bal AS (
      INSERT INTO balance (sku_id, location_id, state, bin, doc, channel_id, qty, last_seq)
      SELECT m.sku_id, m.location_id, m.state, m.bin, m.doc, m.channel_id, m.delta, m.last_seq FROM moves m
      WHERE NOT EXISTS (SELECT 1 FROM upd u WHERE u.sku_id = m.sku_id AND u.location_id = m.location_id AND u.state = m.state AND u.bin = m.bin
                          AND u.doc = m.doc AND u.channel_id = m.channel_id)
      RETURNING sku_id, location_id, state, bin, doc, channel_id, qty
    ), daily AS (
      INSERT INTO balance_day (sku_id, location_id, state, bin, channel_id, day, delta)
      SELECT d.sku_id, d.location_id, d.state, d.bin, d.channel_id, d.day, d.delta
        FROM json_to_recordset(${json(all("dayRows"))}::json) AS d(sku_id uuid, location_id uuid, state text, bin text, channel_id text, day date, delta int)
      ON CONFLICT (sku_id, day, location_id, state, bin, channel_id)
      DO UPDATE SET delta = balance_day.delta + EXCLUDED.delta
    )${docs}${etas}
    SELECT (SELECT seqs FROM numbers) AS seqs,
           (SELECT json_agg(json_build_array(seq, id::text, recorded_at) ORDER BY seq) FROM ev) AS rows,
           (SELECT coalesce(json_agg(json_build_array(sku_id, location_id, state, bin, doc, channel_id, qty)), '[]') FROM (SELECT * FROM upd UNION ALL SELECT * FROM bal) t) AS balances`).catch(mapConstraint);

  const seqs = written.seqs.map(Number);
  const moments = new Map<string, Date>(); // every row of a transaction is recorded at the same moment
  const recordedAt = new Map(written.rows.map(([seq, , at]) => [seq, moments.get(at) ?? moments.set(at, new Date(at)).get(at)!]));
  const finals = new Map<string, typeof written.balances>();
  for (const row of written.balances) finals.set(row[0], [...(finals.get(row[0]) ?? []), row]);
  const notices: string[] = [];
  const postedOf = new Map<Lane, Posted[]>();
  shaped.forEach((lane, i) => {
    const posted = answers(live[i], lane, finals.get(live[i].sku.id) ?? [], seqs, recordedAt);
    postedOf.set(live[i], posted);
    posted.forEach((result, group) => {
      const { plan, header } = live[i].groups[group];
      notices.push(notice(live[i].sku, lane.fields[group], plan, result.events.map((event) => event.seq), header.location));
    });
  });
  // As one json array: node-postgres escapes a text[] parameter element by element, and every payload is full of quotes.
  const statement = sql`SELECT count(pg_notify(${LIVE_CHANNEL}, payload)) FROM json_array_elements_text(${JSON.stringify(notices)}::json) AS payload`;
  if (notifyNow && tx.alongside) tx.alongside(statement);
  else if (tx.beforeCommit) tx.beforeCommit(statement);
  else await tx.query(statement);
  return postedOf;
}

type ShapedLane = ReturnType<typeof shapeLane>;
type LedgerRow = ShapedLane["ledgerRows"][number];

/** Columns whose values are ids, numbers or ISO moments: nothing in them needs quoting in an array literal. */
const PLAIN_COLUMNS = new Set<keyof LedgerRow>(["place", "id", "sku_id", "qty", "location_id", "to_location_id", "channel_id", "occurred_at", "actor_id", "approval_id", "group_id"]);

/**
 * A PostgreSQL array literal of the values (null as NULL), read as an array of
 * any element type. Text is quoted (a backslash or double quote escaped); `plain`
 * values (ids, numbers, ISO moments) are written as they are.
 */
function arrayLiteral(values: readonly unknown[], quoted = true): string {
  const element = (value: unknown): string => {
    if (value === null || value === undefined) return "NULL";
    const text = String(value);
    if (!quoted) return text;
    return text.includes("\\") || text.includes('"') ? `"${text.replace(/[\\"]/g, "\\$&")}"` : `"${text}"`;
  };
  return `{${values.map(element).join(",")}}`;
}

/** One lane's rows for the write: ledger rows (placed by `nextRow`), net moves per position, per-day sums, documents opened, ETAs changed. */
function shapeLane({ refs, sku, groups }: Lane, nextRow: () => number) {
  const fields: EventFields[] = groups.map(({ plan, header }) => {
    if (header.reversesGroup) throw new Error("writeLanes: a reversal is written by writeGroup");
    if (plan.type === "cost.change") throw new Error("writeLanes: a cost change is written by writeGroup");
    // Named field by field: a spread followed by more fields takes V8's slow path, about a microsecond per field.
    return {
      type: plan.type, skuId: sku.id, occurredAt: header.occurredAt, actorId: header.actorId, reason: header.reason,
      reference: header.reference, data: plan.data, approvalId: header.approvalId, groupId: randomUUID(),
    };
  });
  const out: RowOut[] = [];
  groups.forEach(({ plan }, group) => {
    for (const leg of plan.legs.length ? plan.legs : [null]) out.push({ row: nextRow(), id: randomUUID(), group, leg });
  });

  const ledgerRows = out.map(({ row, id, group, leg }) => {
    const f = fields[group];
    const memoLocation = groups[group].header.location;
    const channelCode = leg ? leg.from.channel || leg.to.channel : "";
    return {
      place: row, id, type: f.type, sku_id: sku.id, qty: leg ? leg.qty : groups[group].header.qty,
      location_id: leg ? locationId(refs, leg.from.location) : memoLocation ? locationId(refs, memoLocation) : null,
      from_state: leg?.from.state ?? null, from_bin: leg?.from.bin ?? "", from_doc: leg?.from.doc ?? "",
      to_location_id: leg ? locationId(refs, leg.to.location) : memoLocation ? locationId(refs, memoLocation) : null,
      to_state: leg?.to.state ?? null, to_bin: leg?.to.bin ?? "", to_doc: leg?.to.doc ?? "",
      channel_id: channelCode ? channelId(refs, channelCode) : null,
      occurred_at: isoMoment(f.occurredAt), actor_id: f.actorId, reason: f.reason ?? null, reference: f.reference ?? null,
      data: f.data, approval_id: f.approvalId ?? null, group_id: f.groupId,
    };
  });

  // Net change per position (with the last row that touched it) and per position and day.
  const moves = new Map<string, { position: Leg["from"]; delta: number; lastRow: number }>();
  const daily = new Map<string, { position: Leg["from"]; day: string; delta: number }>();
  for (const { row, group, leg } of out) {
    if (!leg) continue;
    const day = dayOf(fields[group].occurredAt);
    for (const [position, delta] of [[leg.from, -leg.qty], [leg.to, leg.qty]] as const) {
      const key = positionKey(position);
      const move = moves.get(key) ?? { position, delta: 0, lastRow: row };
      move.delta += delta;
      move.lastRow = row;
      moves.set(key, move);
      // Per-day movements do not keep the document: one row per position without it.
      const dayKey = [position.location, position.state, position.bin, position.channel, day].join("|");
      const sum = daily.get(dayKey) ?? { position, day, delta: 0 };
      sum.delta += delta;
      daily.set(dayKey, sum);
    }
  }
  const channelOf = (position: Leg["from"]) => (position.channel ? channelId(refs, position.channel) : "");
  const moveRows = [...moves.values()].map(({ position, delta, lastRow }) => ({
    sku_id: sku.id, location_id: locationId(refs, position.location), state: position.state, bin: position.bin, doc: position.doc, channel_id: channelOf(position), delta, last_place: lastRow,
  }));
  const dayRows = [...daily.values()].map(({ position, day, delta }) => ({
    sku_id: sku.id, location_id: locationId(refs, position.location), state: position.state, bin: position.bin, channel_id: channelOf(position), day, delta,
  }));

  // Documents: the first group to open one opens it; a later ETA on a PO of the same write is folded in.
  const opened = new Map<string, Record<string, unknown>>();
  const etas = new Map<string, string>();
  const firstRow = new Map<number, RowOut>();
  for (const row of out) if (!firstRow.has(row.group)) firstRow.set(row.group, row);
  groups.forEach(({ plan }, group) => {
    const first = firstRow.get(group)!;
    const doc = plan.document;
    if (doc && !opened.has(`${doc.kind}|${doc.ref}`)) {
      opened.set(`${doc.kind}|${doc.ref}`, {
        kind: doc.kind, ref: doc.ref, sku_id: sku.id, location_id: locationId(refs, doc.location), channel_id: doc.channel ? channelId(refs, doc.channel) : null,
        eta: doc.eta?.toISOString() ?? null, fob: doc.fob ?? null, unit_cost: doc.unitCost ?? null, party: doc.party ?? null, created_place: first.row,
      });
    }
    if (plan.type === "po.ship" && typeof plan.data.eta === "string") {
      const ref = fields[group].reference ?? "";
      const fresh = opened.get(`po|${ref}`);
      if (fresh) fresh.eta = new Date(plan.data.eta).toISOString();
      else etas.set(ref, new Date(plan.data.eta).toISOString());
    }
  });
  return {
    fields, out, ledgerRows, moveRows, dayRows,
    opened: [...opened.values()],
    etas: [...etas].map(([ref, eta]) => ({ sku_id: sku.id, ref, eta })),
  };
}

/** Each group's answer, its balances as it left them: walking back from the SKU's final balances, undoing later groups' moves. */
function answers({ refs, sku, groups }: Lane, { fields, out }: ShapedLane, finals: [string, string, string, string, string, string, number][], seqs: number[], recordedAt: Map<number, Date>): Posted[] {
  const current = new Map<string, BalanceRow>();
  for (const [, loc, state, bin, doc, channel, qty] of finals) {
    if (!isState(state)) continue;
    const row: BalanceRow = { location: refs.locationCodeById.get(loc) ?? loc, state, bin, doc, channel: channel ? (refs.channelCodeById.get(channel) ?? channel) : "", qty };
    current.set(positionKey(row), row);
  }
  const rowsOf = groups.map((): EventRow[] => []);
  for (const { row, id, group } of out) {
    const seq = seqs[row - 1];
    rowsOf[group].push({ seq, id, recorded_at: recordedAt.get(seq)! });
  }
  const posted: Posted[] = new Array<Posted>(groups.length);
  for (let group = groups.length - 1; group >= 0; group--) {
    const { plan, header } = groups[group];
    const rows = rowsOf[group];
    const touched = new Map<string, BalanceRow>();
    for (const leg of plan.legs) for (const side of [leg.from, leg.to]) touched.set(positionKey(side), { ...current.get(positionKey(side))! });
    posted[group] = answer(sku, fields[group], plan.legs, rows, [...touched.values()], header.qty);
    for (const [key, { delta }] of netByPosition(plan.legs)) current.get(key)!.qty -= delta;
  }
  return posted;
}
