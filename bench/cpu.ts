// CPU time of the processes a bench run shares the machine with, from /proc (Linux):
// a process and every process below it (the app server and its workers,
// PostgreSQL's postmaster and backends). Where there is no /proc, null.
import { readdirSync, readFileSync } from "node:fs";

/** /proc reports CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After "(command) ": state, ppid, …, utime, stime, cutime, cstime (the 12th to 15th). The last two
    // hold the children that have exited (a closed connection's backend), so nothing leaves the sum.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ms: fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * TICK_MS };
  } catch {
    return null; // gone meanwhile, or no /proc
  }
}

type ProcessTable = { stats: Map<number, { ppid: number; ms: number }>; children: Map<number, number[]> };

/** Every process's CPU time and parent, read once; null without /proc. */
function processTable(): ProcessTable | null {
  let pids: number[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return null;
  }
  const stats = new Map<number, { ppid: number; ms: number }>();
  for (const pid of pids) {
    const s = stat(pid);
    if (s) stats.set(pid, s);
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  return { stats, children };
}

/** CPU milliseconds used so far by `root` and every process below it, running or ended; null if it is not in the table. */
function treeCpuMs(table: ProcessTable | null, root: number | null): number | null {
  if (!table || root === null || !table.stats.has(root)) return null;
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    total += table.stats.get(pid)?.ms ?? 0;
    queue.push(...(table.children.get(pid) ?? []));
  }
  return total;
}

/** This process's own CPU milliseconds (the bench's load generator). */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Per request: the app server's, PostgreSQL's and this process's CPU milliseconds (null: not measured). */
export type CpuShare = { app: number | null; pg: number | null; load: number };

/** Runs `work` and returns its result with the CPU each party spent on it, per `count(result)` (per request). */
export async function perRequest<T>(
  parties: { app: number | null; pg: number | null },
  work: () => Promise<T>,
  count: (result: T) => number,
): Promise<T & { cpu: CpuShare }> {
  const sample = () => {
    const table = processTable();
    return { app: treeCpuMs(table, parties.app), pg: treeCpuMs(table, parties.pg), load: ownCpuMs() };
  };
  const before = sample();
  const result = await work();
  const after = sample();
  const n = Math.max(1, count(result));
  const per = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / n);
  return { ...result, cpu: { app: per(before.app, after.app), pg: per(before.pg, after.pg), load: (after.load - before.load) / n } };
}
