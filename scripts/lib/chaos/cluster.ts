// A PostgreSQL cluster of the chaos run's own that can crash: SIGKILL to the
// postmaster and every backend at once (as the OOM killer or a power cut would
// leave it), then a start on the same data directory and port, which replays the
// WAL. Durable commits (fsync on), as in production.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort, runningServer, startEmbeddedPostgres } from "../embedded-db.ts";
import { ROOT } from "../target-db.ts";

export type ChaosCluster = {
  /** The server URL (database `postgres`); the app's database is another name on it. */
  readonly url: string;
  /** SIGKILL to the postmaster and all its processes; resolves once none is left. */
  kill: () => Promise<void>;
  /** Starts the server again on the same data directory and port (crash recovery). */
  restart: () => Promise<void>;
  /** Fast shutdown, then the data directory is deleted. */
  remove: () => Promise<void>;
};

/** Linux /proc: whether `pid` runs (a zombie has ended; it only waits for its parent). */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

/** `root` and everything below it, found through the parent pid in /proc. */
function tree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      parents.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, parent] of parents) if (parent === found[i]) found.push(pid);
  return found;
}

function killAll(pids: number[]) {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

export async function chaosCluster(): Promise<ChaosCluster> {
  mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, ".tmp", "chaos-"));
  const port = await freePort();
  const start = () => startEmbeddedPostgres({ dir, port, persistent: true, fsync: true, database: "postgres" });
  const { url } = await start();
  const postmaster = () => runningServer(dir)?.pid ?? null;

  const kill = async () => {
    const pid = postmaster();
    if (pid === null) return;
    const victims = tree(pid);
    killAll(victims);
    // A new postmaster refuses to start while an old backend still holds the shared memory.
    if (!(await until(() => !victims.some(running), 10_000))) throw new Error(`PostgreSQL processes outlived SIGKILL: ${victims.filter(running).join(", ")}`);
  };

  // Whatever ends this process, the cluster does not outlive it.
  process.on("exit", () => {
    const pid = postmaster();
    if (pid !== null) killAll(tree(pid));
  });

  return {
    url,
    kill,
    restart: async () => {
      await start();
    },
    remove: async () => {
      const pid = postmaster();
      if (pid !== null) {
        process.kill(pid, "SIGINT"); // fast shutdown: active sessions are ended
        if (!(await until(() => !running(pid), 20_000))) await kill();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
