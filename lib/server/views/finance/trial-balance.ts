import "server-only";
import { sql, db as pooled, type Db, type Sql } from "@/lib/server/sql";
import { memo } from "../memo";
import { DomainError } from "@/lib/domain/errors";
import { AMOUNT_SCALE, fromMinor, toMinor } from "@/lib/domain/money";
import { dayEnd, dayOf, dayStart } from "@/lib/domain/periods";
import { ACCOUNTS, type Account, type TrialBalance } from "./types";

/**
 * Lines in [from, to) as (account, debit, credit) rows to be summed: whole days
 * from journal_day, and only the partial days at either end from the lines.
 */
function linesIn(from: Date | undefined, to: Date | undefined, skuId: string | null): Sql {
  const sku = (column: Sql) => (skuId ? sql` AND ${column} = ${skuId}::uuid` : sql``);
  const lines = (lo: Date | undefined, hi: Date | undefined) =>
    sql`SELECT account, debit, credit FROM journal_line WHERE true${lo ? sql` AND occurred_at >= ${lo}` : sql``}${hi ? sql` AND occurred_at < ${hi}` : sql``}${sku(sql`sku_id`)}`;
  // The first whole day starts at or after `from`; whole days end at or before `to`.
  const firstDay = from ? (from.getTime() === dayStart(dayOf(from)).getTime() ? dayOf(from) : dayOf(dayEnd(dayOf(from)))) : null;
  const endDay = to ? dayOf(to) : null; // whole days are those before this one
  if (firstDay && endDay && firstDay >= endDay) return lines(from, to);
  const parts: Sql[] = [
    sql`SELECT account, debit, credit FROM journal_day WHERE true${firstDay ? sql` AND day >= ${firstDay}::date` : sql``}${endDay ? sql` AND day < ${endDay}::date` : sql``}${sku(sql`sku_id`)}`,
  ];
  if (from && firstDay && from.getTime() < dayStart(firstDay).getTime()) parts.push(lines(from, dayStart(firstDay)));
  if (to && endDay && to.getTime() > dayStart(endDay).getTime()) parts.push(lines(dayStart(endDay), to));
  return parts.reduce((all, part) => sql`${all} UNION ALL ${part}`);
}

async function skuIdOf(code: string | undefined, db: Db): Promise<string | null> {
  if (!code) return null;
  const [row] = await db.query<{ id: string }>(sql`SELECT id::text FROM sku WHERE code = ${code}`);
  if (!row) throw new DomainError("unknown_sku", `There is no SKU '${code}'.`, { sku: ["unknown SKU"] });
  return row.id;
}

/** Every account, in the model's order, with its sums; zero where nothing was posted, so the shape is stable. */
export function trialBalanceOf(sums: { account: string; debit: string; credit: string }[]): TrialBalance {
  let debit = 0n;
  let credit = 0n;
  const rows = ACCOUNTS.map((account: Account) => {
    const found = sums.find((row) => row.account === account);
    const d = toMinor(found?.debit ?? "0", AMOUNT_SCALE);
    const c = toMinor(found?.credit ?? "0", AMOUNT_SCALE);
    debit += d;
    credit += c;
    return { account, debit: fromMinor(d, AMOUNT_SCALE), credit: fromMinor(c, AMOUNT_SCALE), balance: fromMinor(d - c, AMOUNT_SCALE) };
  });
  return { rows, debit: fromMinor(debit, AMOUNT_SCALE), credit: fromMinor(credit, AMOUNT_SCALE), balanced: debit === credit };
}

/** Σ debit and Σ credit per account for lines with from ≤ occurredAt < to (balance = debit − credit). */
export async function trialBalance(opts: { from?: Date; to?: Date; sku?: string }, db: Db = pooled): Promise<TrialBalance> {
  const skuId = await skuIdOf(opts.sku, db);
  const read = () =>
    db.query<{ account: string; debit: string; credit: string }>(sql`
      SELECT account, sum(debit)::numeric(20, 2)::text AS debit, sum(credit)::numeric(20, 2)::text AS credit
      FROM (${linesIn(opts.from, opts.to, skuId)}) AS l(account, debit, credit) GROUP BY account`);
  // Every SKU's lines add up the whole journal: kept while nothing is written (memo.ts).
  const sums = skuId ? await read() : await memo(db, ["trialBalance", opts.from?.toISOString() ?? null, opts.to?.toISOString() ?? null], read);
  return trialBalanceOf(sums);
}
