// What the chaos run proves once the dust has settled, from the database alone:
// every acknowledged group is there exactly once with all its legs; a request never
// answered is there whole (with its stored answer) or not at all; a refused one left
// nothing; no row exists that no request of the run asked for; and the balances,
// cost layers, pools and journal equal a replay of the ledger.
import pg from "pg";
import { groupsOf, type AckedGroup, type Posting } from "./clients.ts";

export type Verdict = {
  failures: string[];
  acknowledged: { requests: number; groups: number; legs: number; multiLeg: number; batches: number };
  unanswered: { committed: number; absent: number };
  refused: number;
  /** Requests that answered only after being sent more than once. */
  retriedAcknowledged: number;
};

type Row = { seq: number; group_id: string; reference: string | null };
type KeyAnswer = { key: string; status: number; response: Record<string, unknown> | null };

export async function verify(url: string, run: string, postings: Posting[]): Promise<Verdict> {
  // A pool: the replay checks send several statements at once.
  const client = new pg.Pool({ connectionString: url, max: 4 });
  // The pool's end can resolve while a connection is still closing, and PostgreSQL is
  // stopped right after: its "terminating connection" reaches an idle client. Each
  // query reports its own errors, so an idle client's must not end the process.
  client.on("error", () => {});
  try {
    const prefix = `chaos-${run}-%`;
    // Every row of every group a request of this run wrote, whether or not each row carries the reference.
    const rows = (
      await client.query<Row>(
        `SELECT seq::int AS seq, group_id::text, reference FROM ledger_event
          WHERE group_id IN (SELECT group_id FROM ledger_event WHERE reference LIKE $1) ORDER BY seq`,
        [prefix],
      )
    ).rows;
    // Read as the app replays them: a batch's answer may be stored compressed.
    const { answerText } = await import("../../../lib/server/ledger/idempotency.ts");
    const stored = await client.query<{ key: string; status: number; response: string | null; response_packed: Buffer | null }>(
      "SELECT key, status, response, response_packed FROM idempotency_record WHERE key LIKE $1",
      [prefix],
    );
    const records = new Map(
      stored.rows.map((row): [string, KeyAnswer] => {
        const text = answerText(row);
        return [row.key, { key: row.key, status: row.status, response: text === undefined ? null : (JSON.parse(text) as Record<string, unknown>) }];
      }),
    );
    const verdict = check(postings, rows, records);
    const { clientDb } = await import("../../../lib/server/sql.ts");
    const { verifyProjection } = await import("../../../lib/server/ledger/replay.ts");
    const { verifyValuation } = await import("../../../lib/server/ledger/verify-valuation.ts");
    const db = clientDb(client, url);
    const projection = await verifyProjection(db);
    const valuation = await verifyValuation(db);
    for (const mismatch of projection.slice(0, 10)) verdict.failures.push(`balance differs from the replayed ledger: ${JSON.stringify(mismatch)}`);
    for (const mismatch of valuation.slice(0, 10)) verdict.failures.push(`valuation differs from the replayed ledger: ${mismatch}`);
    if (projection.length + valuation.length > 20) verdict.failures.push(`… ${projection.length + valuation.length - 20} more replay mismatches`);
    return verdict;
  } finally {
    await client.end();
  }
}

function check(postings: Posting[], rows: Row[], records: Map<string, KeyAnswer>): Verdict {
  const failures: string[] = [];
  const legsOf = new Map<string, number[]>();
  const groupsByRef = new Map<string, Set<string>>();
  for (const row of rows) {
    legsOf.set(row.group_id, [...(legsOf.get(row.group_id) ?? []), row.seq]);
    if (row.reference) groupsByRef.set(row.reference, (groupsByRef.get(row.reference) ?? new Set()).add(row.group_id));
  }
  const expectedRefs = new Set(postings.flatMap((p) => p.refs));
  for (const ref of groupsByRef.keys()) if (!expectedRefs.has(ref)) failures.push(`rows with reference ${ref}, which no request of this run sent`);

  /** Whether the ledger holds exactly these groups for these references, leg for leg. */
  const holds = (refs: string[], groups: AckedGroup[]) =>
    refs.map((ref, i) => {
      const found = [...(groupsByRef.get(ref) ?? [])];
      const want = groups[i];
      if (!want) return `${ref}: no group in the answer`;
      if (found.length !== 1) return `${ref}: ${found.length} groups in the ledger (${found.join(", ") || "none"}), answered ${want.group}`;
      if (found[0] !== want.group) return `${ref}: group ${found[0]} in the ledger, answered ${want.group}`;
      const legs = legsOf.get(found[0]) ?? [];
      if (JSON.stringify(legs) !== JSON.stringify([...want.seqs].sort((a, b) => a - b))) return `${ref}: legs ${legs.join(",")} in the ledger, answered ${want.seqs.join(",")}`;
      return null;
    }).filter((problem): problem is string => problem !== null);
  const nothingFor = (refs: string[]) => refs.every((ref) => !groupsByRef.has(ref));

  const verdict: Verdict = {
    failures,
    acknowledged: { requests: 0, groups: 0, legs: 0, multiLeg: 0, batches: 0 },
    unanswered: { committed: 0, absent: 0 },
    refused: 0,
    retriedAcknowledged: 0,
  };
  for (const posting of postings) {
    const record = records.get(posting.key);
    if (record && (!record.status || record.response === null)) failures.push(`${posting.key}: its idempotency record committed without an answer (status ${record.status})`);
    const stored = record?.response ? groupsOf(posting.path, record.response) : null;
    if (posting.state === "acked") {
      const groups = posting.groups ?? [];
      verdict.acknowledged.requests++;
      verdict.acknowledged.groups += groups.length;
      verdict.acknowledged.legs += groups.reduce((sum, g) => sum + g.seqs.length, 0);
      verdict.acknowledged.multiLeg += groups.filter((g) => g.seqs.length > 1).length;
      if (posting.path.endsWith("/batch")) verdict.acknowledged.batches++;
      if (posting.attempts > 1) verdict.retriedAcknowledged++;
      failures.push(...holds(posting.refs, groups).map((problem) => `acknowledged ${posting.key} — ${problem}`));
      if (!record) failures.push(`acknowledged ${posting.key} has no idempotency record: a retry would post it again`);
      else if (record.status !== posting.status || JSON.stringify(stored) !== JSON.stringify(groups)) {
        failures.push(`acknowledged ${posting.key}: the stored answer (${record.status} ${JSON.stringify(stored)}) is not the one given`);
      }
    } else if (posting.state === "refused") {
      verdict.refused++;
      if (!nothingFor(posting.refs) || record) failures.push(`refused ${posting.key} left rows or a stored answer`);
    } else if (record) {
      // Never answered, but committed: then whole, and as its stored answer says.
      verdict.unanswered.committed++;
      const problems = stored ? holds(posting.refs, stored) : ["its stored answer names no groups"];
      failures.push(...problems.map((problem) => `unanswered ${posting.key} is half-written — ${problem}`));
    } else {
      verdict.unanswered.absent++;
      if (!nothingFor(posting.refs)) failures.push(`unanswered ${posting.key} has rows but no idempotency record (half-written)`);
    }
    if (posting.state === "pending") failures.push(`${posting.key} was still unanswered when the run ended, with both servers up`);
  }
  return verdict;
}
