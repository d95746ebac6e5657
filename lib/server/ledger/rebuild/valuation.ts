import "server-only";
import type pg from "pg";
import { AMOUNT_SCALE, fromMinor, UNIT_COST_SCALE } from "@/lib/domain/money";
import { POOL_STATES, type CostingMethod } from "@/lib/domain/finance/cost-state";
import type { ReplayGroup } from "@/lib/domain/finance/replay";
import { VALUED_TYPES } from "../cost-context";
import { locationId, type Refs } from "../refs";
import { legOf } from "../store";
import { SkuFold, type GroupResult } from "./fold";

const cents = (value: bigint) => fromMinor(value, AMOUNT_SCALE);
const cost4 = (value: bigint) => fromMinor(value, UNIT_COST_SCALE);

/** Rows read per round trip, and rows written per insert. */
const PAGE = 20_000;
const FLUSH = 20_000;

type EventTuple = [
  seq: number, sku: string, group: string, type: string, occurredAt: Date, data: Record<string, unknown> | null, reference: string | null,
  reversesGroup: string | null, location: string | null, toLocation: string | null, fromState: string | null, toState: string | null,
  fromBin: string, toBin: string, fromDoc: string, toDoc: string, channel: string | null, qty: number,
];

type Sku = { id: string; method: CostingMethod; standard: string | null };

/**
 * A batch of rows kept column by column as PostgreSQL array elements, sent as
 * one array literal per column: a year's journal costs one string join per
 * column and batch instead of an object per line and pg's per-element escaping.
 */
class Columns {
  readonly cols: string[][];
  constructor(width: number) {
    this.cols = Array.from({ length: width }, () => []);
  }
  get size() {
    return this.cols[0].length;
  }
  literals(): string[] {
    return this.cols.map((col) => `{${col.join(",")}}`);
  }
}

/** A text element of an array literal: quoted, with its quotes and backslashes escaped. */
const quoted = (text: string) => `"${text.replace(/["\\]/g, "\\$&")}"`;

/** Buffers journal lines and layer moves and writes each batch with one INSERT … SELECT FROM unnest, without waiting for it. */
class Writer {
  private pending: Promise<unknown>[] = [];
  private lines = new Columns(9);
  private moves = new Columns(6);
  written = { lines: 0, moves: 0 };
  constructor(private readonly client: pg.ClientBase, private readonly refs: Refs) {}

  /** One group's lines and moves; uuids, numbers, account names and ISO times need no quoting. */
  add(sku: string, result: GroupResult) {
    if (result.lines.length) {
      const at = result.lines[0].occurredAt.toISOString();
      const [seq, group, skuCol, location, account, debit, credit, occurred, doc] = this.lines.cols;
      for (const line of result.lines) {
        seq.push(String(line.seq));
        group.push(line.group);
        skuCol.push(sku);
        location.push(locationId(this.refs, line.location));
        account.push(line.account);
        debit.push(cents(line.amount > 0n ? line.amount : 0n));
        credit.push(cents(line.amount < 0n ? -line.amount : 0n));
        occurred.push(at);
        doc.push(quoted(line.doc));
      }
      if (this.lines.size >= FLUSH) this.flushLines();
    }
    if (result.moves.length) {
      const [layer, skuCol, seq, occurred, qty, value] = this.moves.cols;
      for (const move of result.moves) {
        layer.push(move.layerId);
        skuCol.push(sku);
        seq.push(String(move.seq));
        occurred.push(move.occurredAt.toISOString());
        qty.push(String(move.qty));
        value.push(cents(move.value));
      }
      if (this.moves.size >= FLUSH) this.flushMoves();
    }
  }
  private flushLines() {
    const batch = this.lines;
    if (!batch.size) return;
    this.lines = new Columns(9);
    this.written.lines += batch.size;
    this.track(this.client.query(
      `INSERT INTO journal_line_rebuild (seq, group_id, sku_id, location_id, account, debit, credit, occurred_at, doc)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::timestamptz[], $9::text[])`,
      batch.literals(),
    ));
  }
  private flushMoves() {
    const batch = this.moves;
    if (!batch.size) return;
    this.moves = new Columns(6);
    this.written.moves += batch.size;
    this.track(this.client.query(
      `INSERT INTO layer_move_rebuild (layer_id, sku_id, seq, occurred_at, qty, value)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::timestamptz[], $5::int[], $6::numeric[])`,
      batch.literals(),
    ));
  }
  /** Keeps the statement's outcome: the first failure is thrown by drain(). */
  private track(query: Promise<unknown>) {
    this.pending.push(query.catch((error: unknown) => ({ failed: error })));
  }
  async drain() {
    this.flushLines();
    this.flushMoves();
    const outcomes = await Promise.all(this.pending);
    this.pending = [];
    const failed = outcomes.find((outcome): outcome is { failed: unknown } => typeof outcome === "object" && outcome !== null && "failed" in outcome);
    if (failed) throw failed.failed;
  }
}

export type ValuationCounts = { events: number; groups: number; skus: number; lines: number; moves: number; layers: number; holdings: number; matches: number };

/**
 * Every SKU's valuation, recomputed from the ledger alone into the scratch tables:
 * the ledger is read once in posting order, a page at a time (keyset on seq), and
 * each SKU's groups are folded as they pass (fold.ts). Memory holds the SKUs' cost
 * states, never the ledger. Reads the SKU's costing method and its standard cost
 * now, and a memo's location code: master data, as the verifier reads it.
 * `skus` limits it to those SKUs (null: all). `onPage` reports progress.
 */
export async function rebuildValuation(
  client: pg.ClientBase,
  refs: Refs,
  skus: string[] | null,
  onPage: (events: number) => void = () => {},
): Promise<ValuationCounts> {
  const only = skus;
  const [skuRows, firstChanges, reversed] = await Promise.all([
    client.query<Sku>(`SELECT id::text, costing_method::text AS method, standard_cost::text AS standard FROM sku WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])`, [only]),
    client.query<{ sku_id: string; group_id: string; seq: number; occurred_at: Date; data: Record<string, unknown> }>(
      `SELECT DISTINCT ON (sku_id) sku_id::text, group_id::text, seq, occurred_at, data FROM ledger_event
        WHERE type = 'cost.change' AND ($1::uuid[] IS NULL OR sku_id = ANY($1::uuid[])) ORDER BY sku_id, seq`, [only]),
    client.query<{ group_id: string }>(
      `SELECT DISTINCT reverses_group::text AS group_id FROM ledger_event
        WHERE reverses_group IS NOT NULL AND ($1::uuid[] IS NULL OR sku_id = ANY($1::uuid[]))`, [only]),
  ]);
  const reversedGroups = new Set(reversed.rows.map((row) => row.group_id));
  const firstChange = new Map(firstChanges.rows.map((row) => [row.sku_id, row]));
  const folds = new Map<string, SkuFold>();
  for (const sku of skuRows.rows) {
    const change = firstChange.get(sku.id);
    const first: ReplayGroup | undefined = change && {
      group: change.group_id, type: "cost.change", seqs: [change.seq], legs: [], occurredAt: change.occurred_at, data: change.data,
      reference: null, location: null, reversesGroup: null,
    };
    folds.set(sku.id, new SkuFold(sku.method, SkuFold.initialStandard(first, sku.standard), reversedGroups, VALUED_TYPES));
  }

  const writer = new Writer(client, refs);
  const open = new Map<string, ReplayGroup>();
  const counts: ValuationCounts = { events: 0, groups: 0, skus: skuRows.rows.length, lines: 0, moves: 0, layers: 0, holdings: 0, matches: 0 };
  const finish = (sku: string, group: ReplayGroup) => {
    const fold = folds.get(sku);
    if (!fold) throw new Error(`ledger names SKU ${sku}, which the sku table does not have`);
    let result: ReturnType<SkuFold["apply"]>;
    try {
      result = fold.apply(group);
    } catch (error) {
      throw new Error(`valuing group ${group.group} (${group.type}, seq ${group.seqs[0]}) of SKU ${sku}: ${error instanceof Error ? error.message : String(error)}`);
    }
    counts.groups += 1;
    writer.add(sku, result);
  };

  // Only the rows valuing reads: the groups posting values (and PO confirmations, which set a PO's cost),
  // and any other row that changes how many pool units a location holds (a cost change shares its revaluation
  // by them). The rest (reservations, picks, inspections, holds) move units within one location's pool or
  // outside it and book nothing. Rows come as arrays, with their data only where valuing reads it.
  const withData = [...VALUED_TYPES, "po.confirm"];
  const page = (after: number) => client.query<EventTuple>({
    text: `SELECT seq, sku_id::text, group_id::text, type, occurred_at, CASE WHEN type = ANY($3::text[]) THEN data END, reference, reverses_group::text,
                  location_id::text, to_location_id::text, from_state, to_state, from_bin, to_bin, from_doc, to_doc, channel_id::text, qty
             FROM ledger_event
            WHERE seq > $1 AND sku_id IS NOT NULL AND ($2::uuid[] IS NULL OR sku_id = ANY($2::uuid[]))
              AND (type = ANY($3::text[]) OR location_id IS DISTINCT FROM to_location_id
                   OR (from_state = ANY($4::text[])) IS DISTINCT FROM (to_state = ANY($4::text[])))
            ORDER BY seq LIMIT ${PAGE}`,
    values: [after, only, withData, POOL_STATES],
    rowMode: "array",
  });
  let last = 0;
  // The next page is asked for before this one is folded: PostgreSQL reads while Node folds.
  let next = page(last);
  for (;;) {
    const { rows } = await next;
    if (!rows.length) break;
    last = rows[rows.length - 1][0];
    next = page(last);
    for (const [seq, sku, groupId, type, occurredAt, data, reference, reversesGroup, location, toLocation, fromState, toState, fromBin, toBin, fromDoc, toDoc, channel, qty] of rows) {
      let group = open.get(sku);
      if (group?.group !== groupId) {
        // A SKU's groups never interleave (posting holds the SKU's lock), so a new group id closes the one before.
        if (group) finish(sku, group);
        group = {
          group: groupId, type, seqs: [], legs: [], occurredAt, data: data ?? {}, reference,
          location: location ? (refs.locationCodeById.get(location) ?? null) : null, reversesGroup,
        };
        open.set(sku, group);
      }
      group.seqs.push(seq);
      if (fromState) {
        group.legs.push(legOf(refs, {
          location_id: location ?? "", to_location_id: toLocation ?? "", from_state: fromState, to_state: toState ?? "",
          from_bin: fromBin, to_bin: toBin, from_doc: fromDoc, to_doc: toDoc, channel_id: channel, qty,
        }));
      }
    }
    counts.events += rows.length;
    onPage(counts.events);
  }
  for (const [sku, group] of open) finish(sku, group);
  await writer.drain();
  counts.lines = writer.written.lines;
  counts.moves = writer.written.moves;

  const pools: unknown[][] = [[], [], [], [], []];
  const layers: unknown[][] = [[], [], [], [], [], [], [], [], []];
  const holdings: unknown[][] = [[], [], [], [], [], []];
  const matches: unknown[][] = [[], [], [], [], [], []];
  const push = (target: unknown[][], values: unknown[]) => values.forEach((value, i) => target[i].push(value));
  for (const [sku, fold] of folds) {
    const { state } = fold;
    if (fold.lastValuedSeq !== null) {
      push(pools, [sku, state.pool.qty, cents(state.pool.value), state.pool.unitCost === null ? null : cost4(state.pool.unitCost), fold.lastValuedSeq]);
    }
    for (const layer of fold.layers.values()) {
      push(layers, [layer.id, sku, layer.seq, layer.receivedAt, cost4(layer.unitCost), layer.qtyIn, cents(layer.valueIn), layer.qtyLeft, cents(layer.valueLeft)]);
    }
    for (const [key, holding] of Object.entries(state.holdings)) {
      const [kind, ...doc] = key.split("|");
      push(holdings, [sku, kind, doc.join("|"), locationId(refs, holding.location), holding.qty, cents(holding.value)]);
    }
    for (const [doc, match] of Object.entries(state.matches)) {
      push(matches, [sku, doc, locationId(refs, match.location), cost4(match.unitCost), match.booked, match.invoiced]);
    }
  }
  counts.layers = layers[0].length;
  counts.holdings = holdings[0].length;
  counts.matches = matches[0].length;
  await Promise.all([
    client.query(`INSERT INTO cost_pool_rebuild (sku_id, qty, value, unit_cost, last_seq)
                  SELECT * FROM unnest($1::uuid[], $2::int[], $3::numeric[], $4::numeric[], $5::bigint[])`, pools),
    client.query(`INSERT INTO cost_layer_rebuild (id, sku_id, seq, received_at, unit_cost, qty_in, value_in, qty_left, value_left)
                  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::timestamptz[], $5::numeric[], $6::int[], $7::numeric[], $8::int[], $9::numeric[])`, layers),
    client.query(`INSERT INTO cost_holding_rebuild (sku_id, kind, doc, location_id, qty, value)
                  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::int[], $6::numeric[])`, holdings),
    client.query(`INSERT INTO invoice_match_rebuild (sku_id, doc, location_id, unit_cost, booked_qty, invoiced_qty)
                  SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::numeric[], $5::int[], $6::int[])`, matches),
  ]);
  // Per-day sums of the rebuilt lines, as posting keeps them: by the UTC day of the event's business time.
  await client.query(`
    INSERT INTO journal_day_rebuild (sku_id, location_id, account, day, debit, credit)
    SELECT sku_id, location_id, account, (occurred_at AT TIME ZONE 'UTC')::date, sum(debit), sum(credit)
      FROM journal_line_rebuild WHERE $1::uuid[] IS NULL OR sku_id = ANY($1::uuid[]) GROUP BY 1, 2, 3, 4`, [only]);
  // A rebuilt layer takes the id posting gave the same layer (found by the row that created it), and so do its moves.
  await client.query(`
    WITH ids AS (
      SELECT r.id AS rebuilt, l.id AS live FROM cost_layer_rebuild r JOIN cost_layer l ON l.sku_id = r.sku_id AND l.seq = r.seq
       WHERE r.id <> l.id AND ($1::uuid[] IS NULL OR r.sku_id = ANY($1::uuid[]))
    ), moves AS (
      UPDATE layer_move_rebuild m SET layer_id = ids.live FROM ids WHERE m.layer_id = ids.rebuilt RETURNING 1
    )
    UPDATE cost_layer_rebuild r SET id = ids.live FROM ids WHERE r.id = ids.rebuilt`, [only]);
  return counts;
}
