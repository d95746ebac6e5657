// A ledger transaction's statements that are issued together (BEGIN with the first
// statement, a group's locks with its claims, the final statements with COMMIT)
// leave the app in one socket write, not one system call per statement.
import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../helpers/fresh-db.ts";

let fresh: FreshDatabase;
beforeAll(async () => {
  fresh = await freshDatabase();
  process.env.DATABASE_URL = fresh.url;
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-42";
});
afterAll(async () => {
  const { closePool } = await import("../../lib/server/sql.ts");
  await closePool();
  await fresh?.drop();
});

it("statements issued in one tick leave in one write, and statements issued later leave in their own", async () => {
  const { transaction, sql } = await import("../../lib/server/sql.ts");
  const port = Number(new URL(fresh.url).port);
  // Each call of these is one write to the kernel (writev for several buffers). The
  // pool's other connections (its partition upkeep) write too: only the writes of
  // the connection that sent the transaction's first statement count.
  const proto = net.Socket.prototype as unknown as Record<"_write" | "_writev", (...args: unknown[]) => unknown>;
  const original = { _write: proto._write, _writev: proto._writev };
  const writes: { socket: net.Socket; text: string }[] = [];
  const textOf = (method: "_write" | "_writev", args: unknown[]) =>
    method === "_write" ? String(args[0]) : (args[0] as { chunk: unknown }[]).map(({ chunk }) => String(chunk)).join("");
  for (const method of ["_write", "_writev"] as const) {
    proto[method] = function (this: net.Socket, ...args: unknown[]) {
      if (this.remotePort === port) writes.push({ socket: this, text: textOf(method, args) });
      return original[method].apply(this, args);
    };
  }
  try {
    const marks = await transaction(async (tx) => {
      const start = writes.length;
      // BEGIN and three statements, issued together.
      const rows = await Promise.all([1, 2, 3].map((n) => tx.query<{ first_burst: number }>(sql`SELECT ${n}::int AS first_burst`)));
      const between = writes.length;
      // Two statements, each issued once the one before answered.
      await tx.query(sql`SELECT 4 AS one_after_another`);
      await tx.query(sql`SELECT 5 AS one_after_another`);
      return { start, between, end: writes.length, rows: rows.map(([row]) => row.first_burst) };
    });
    const socket = writes.slice(marks.start).find((write) => write.text.includes("first_burst"))?.socket;
    const own = (from: number, to: number) => writes.slice(from, to).filter((write) => write.socket === socket);
    expect(marks.rows).toEqual([1, 2, 3]);
    expect(own(marks.start, marks.between)).toHaveLength(1);
    expect(own(marks.start, marks.between)[0].text).toContain("BEGIN");
    expect(own(marks.between, marks.end)).toHaveLength(2);
  } finally {
    Object.assign(proto, original);
  }
});
