import "server-only";
import { db as pooled, type Db } from "@/lib/server/sql";
import { EVENT_RULES, isEventType } from "@/lib/domain/event-types";
import { AMOUNT_SCALE, fromMinor } from "@/lib/domain/money";
import { foldTrace } from "@/lib/domain/trace/fold";
import type { TraceLeg, TraceLine, ViewTotals } from "@/lib/domain/trace/types";
import { ZERO_TOTALS } from "@/lib/domain/trace/types";
import { findSku } from "@/lib/server/ledger/refs";
import { sql } from "@/lib/server/sql";
import { readEvents, readFobShippingPoint, readLines, readTotalsBefore, type EventRecord } from "./trace-read";
import { selectGroups } from "./trace-select";
import type { TraceEntry, TraceFilter, TracePage, ViewNumbers } from "./trace-types";

const numbers = (t: ViewTotals): ViewNumbers => ({
  warehouse: { onHand: t.onHand, usable: t.usable },
  sales: { committed: t.committed, available: t.available, incoming: t.incoming },
  finance: { owned: t.owned, value: fromMinor(t.value, AMOUNT_SCALE) },
});

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

function labelOf(first: EventRecord): string {
  if (first.type === "reverse") {
    const undone = String(first.data.reversesType ?? "");
    return `Reversal of ${isEventType(undone) ? EVENT_RULES[undone].label.toLowerCase() : undone}`;
  }
  return isEventType(first.type) ? EVENT_RULES[first.type].label : first.type;
}

function documentsOf(rows: EventRecord[]): string[] {
  const named = rows.flatMap((row) => [row.reference, row.from_doc, row.to_doc, row.data.orderLine, row.data.rma, row.data.transfer]);
  return [...new Set(named.filter((doc): doc is string => typeof doc === "string" && doc !== ""))];
}

function legOf(row: EventRecord): TraceLeg {
  const side = (state: string | null, location: string | null, bin: string, doc: string) =>
    state ? { state, location: location ?? "", bin, doc } : null;
  return {
    seq: Number(row.seq),
    qty: row.from_state ? row.qty : 0,
    from: side(row.from_state, row.from_location, row.from_bin, row.from_doc),
    to: side(row.to_state, row.to_location, row.to_bin, row.to_doc),
    channel: row.channel,
  };
}

type Group = { rows: EventRecord[]; legs: TraceLeg[]; lines: TraceLine[]; before?: ViewTotals };

function entryOf(group: Group & { effect: ViewTotals; after: ViewTotals }): TraceEntry {
  const [first] = group.rows;
  const link = (id: string | null, seq: number | null) => (id && seq !== null ? { group: id, seq: Number(seq) } : null);
  return {
    group: first.group_id,
    seq: Number(first.seq),
    type: first.type,
    label: labelOf(first),
    occurredAt: iso(first.occurred_at)!,
    recordedAt: iso(first.recorded_at)!,
    actor: first.actor,
    reference: first.reference,
    reason: first.reason,
    documents: documentsOf(group.rows),
    data: first.data,
    approval: first.approval_id
      ? {
          id: first.approval_id, status: first.approval_status ?? "", requestedBy: first.requested_by ?? "", requestedAt: iso(first.requested_at)!,
          decidedBy: first.decided_by, decidedAt: iso(first.decided_at),
        }
      : null,
    reverses: link(first.reverses_group, first.reverses_seq),
    reversedBy: link(first.reversed_by, first.reversed_by_seq),
    legs: group.legs.filter((leg) => leg.from !== null),
    journal: group.lines.map((line) => ({ ...line, debit: fromMinor(line.debit, AMOUNT_SCALE), credit: fromMinor(line.credit, AMOUNT_SCALE) })),
    effect: numbers(group.effect),
    after: numbers(group.after),
  };
}

/**
 * GET /api/v1/skus/{sku}/trace and the trace screen: the SKU's event groups in
 * posting order, a page at a time, each with its legs, journal lines, effect on
 * the three views and the views' numbers after it. A filtered page restarts the
 * running totals at each group from the SKU's totals just before it.
 */
export async function skuTrace(skuCode: string, filter: TraceFilter = {}, db: Db = pooled): Promise<TracePage> {
  const sku = await findSku(db, skuCode);
  const [{ groups, next, previous }, fob, [named]] = await Promise.all([
    selectGroups(db, sku.id, filter),
    readFobShippingPoint(db, sku.id),
    db.query<{ name: string }>(sql`SELECT name FROM sku WHERE id = ${sku.id}::uuid`),
  ]);
  const filtered = Boolean(filter.reference || filter.from || filter.to);
  const ats = filtered ? groups.map((g) => g.first) : groups.slice(0, 1).map((g) => g.first);
  const events = groups.length ? await readEvents(db, groups.map((g) => g.group)) : [];
  const [lines, before] = await Promise.all([readLines(db, events.map((e) => Number(e.seq))), readTotalsBefore(db, sku.id, ats, fob)]);
  const byGroup = new Map<string, Group>(groups.map((g) => [g.group, { rows: [], legs: [], lines: [], before: before.get(g.first) }]));
  const groupOfSeq = new Map<number, Group>();
  for (const row of events) {
    const group = byGroup.get(row.group_id)!;
    group.rows.push(row);
    group.legs.push(legOf(row));
    groupOfSeq.set(Number(row.seq), group);
  }
  for (const line of lines) groupOfSeq.get(line.seq)?.lines.push(line);
  const ordered = groups.map((g) => byGroup.get(g.group)!).filter((g) => g.rows.length > 0);
  return {
    sku: sku.code,
    name: named?.name ?? sku.code,
    filter: { reference: filter.reference ?? null, from: iso(filter.from ?? null), to: iso(filter.to ?? null) },
    entries: foldTrace(ZERO_TOTALS, ordered, fob).map(entryOf),
    next,
    previous,
  };
}
