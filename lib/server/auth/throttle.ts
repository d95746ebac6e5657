import "server-only";
import { db, sql, transaction } from "@/lib/server/sql";

// Failed sign-ins, counted over a sliding window in PostgreSQL so that every app
// process sees the same counts. An account is locked after a few failures; a
// client address only after many, so one person cannot lock out an office that
// shares an address. A locked attempt is refused before any password is hashed.

export const WINDOW_MINUTES = 15;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 50;

export type Attempt =
  | { ok: true; id: number }
  | { ok: false; scope: "account" | "address"; retryMinutes: number };

/**
 * Checks both limits and records the attempt as a failure up front, under a lock
 * per account and per address: parallel guesses cannot all slip in before the
 * first one is counted. A successful sign-in removes the record (`succeeded`).
 */
export function beginAttempt(email: string, address: string): Promise<Attempt> {
  return transaction(async (tx) => {
    // Always the account first, then the address: two attempts never wait on each other in a cycle.
    await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext('sign-in account ' || ${email})), pg_advisory_xact_lock(hashtext('sign-in address ' || ${address}))`);
    // The lock lifts when the failure that reached the limit leaves the window.
    const [limits] = await tx.query<{ account: number | null; address: number | null }>(sql`
      SELECT
        (SELECT ceil(extract(epoch FROM failed_at + make_interval(mins => ${WINDOW_MINUTES}) - now()) / 60)::int
           FROM sign_in_failure WHERE email = ${email} AND failed_at > now() - make_interval(mins => ${WINDOW_MINUTES})
           ORDER BY failed_at DESC OFFSET ${ACCOUNT_LIMIT - 1} LIMIT 1) AS account,
        (SELECT ceil(extract(epoch FROM failed_at + make_interval(mins => ${WINDOW_MINUTES}) - now()) / 60)::int
           FROM sign_in_failure WHERE address = ${address} AND failed_at > now() - make_interval(mins => ${WINDOW_MINUTES})
           ORDER BY failed_at DESC OFFSET ${ADDRESS_LIMIT - 1} LIMIT 1) AS address`);
    if (limits.account !== null) return { ok: false, scope: "account", retryMinutes: Math.max(1, limits.account) };
    if (limits.address !== null) return { ok: false, scope: "address", retryMinutes: Math.max(1, limits.address) };
    const [row] = await tx.query<{ id: number }>(sql`INSERT INTO sign_in_failure (email, address) VALUES (${email}, ${address}) RETURNING id`);
    return { ok: true, id: row.id };
  });
}

/** The right password: the account's failures are forgiven (only those: other accounts' failures from the address stay counted). */
export async function succeeded(email: string): Promise<void> {
  await db.query(sql`DELETE FROM sign_in_failure WHERE email = ${email}`);
}

/** The attempt never reached a verdict (the hasher was busy): it does not count. */
export async function abandoned(id: number): Promise<void> {
  await db.query(sql`DELETE FROM sign_in_failure WHERE id = ${id}`);
}

/** Failures older than a day can lock nothing; called now and then on sign-in. */
export async function pruneFailures(): Promise<void> {
  await db.query(sql`DELETE FROM sign_in_failure WHERE failed_at < now() - interval '1 day'`);
}
