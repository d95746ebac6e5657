// The production build served by `next start` on a free port of 127.0.0.1, against
// the bench's own database: the path a client of the HTTP API takes.
import path from "node:path";
import { buildIsStale, demoServingBuild } from "../scripts/lib/build.ts";
import { freePort } from "../scripts/lib/embedded-db.ts";
import { APP_SERVER_FLAGS, exited, run, start } from "../scripts/lib/processes.ts";
import { ROOT } from "../scripts/lib/target-db.ts";

const NEXT = path.join(ROOT, "node_modules/next/dist/bin/next");

export type AppServer = {
  port: number;
  pid: number;
  /** SIGTERM to the server's process group; resolves once it has exited. */
  stop: () => Promise<void>;
  /** SIGKILL to the whole process group, as a crash would end it; resolves once it has exited. */
  kill: () => Promise<void>;
  /** Whether the server process is still running (a crash ends it without anyone asking). */
  alive: () => boolean;
  output: () => string;
};

function appEnv(databaseUrl: string, port?: number): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench-secret",
    ...(port ? { NEXTAUTH_URL: `http://127.0.0.1:${port}`, PORT: String(port) } : {}),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_OPTIONS: "", // not the bench's react-server condition
  };
}

/** Builds .next when any input is newer than it; refuses while `npm run demo` serves it. */
export async function ensureBuild(databaseUrl: string, log: (line: string) => void): Promise<void> {
  if (!buildIsStale()) return;
  const busy = demoServingBuild();
  if (busy) throw new Error(`the build in .next is stale and ${busy}`);
  log("building the app (next build)…");
  const code = await run(process.execPath, [NEXT, "build"], { env: appEnv(databaseUrl), quiet: true });
  if (code !== 0) throw new Error(`next build failed (exit code ${code}); run it alone to see why`);
}

/** `port` serves on that port (a restart after a crash keeps its address); by default a free one. */
export async function startApp(databaseUrl: string, options: { port?: number } = {}): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const child = start(process.execPath, [...APP_SERVER_FLAGS, NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], { env: appEnv(databaseUrl, port), quiet: true });
  // The server's output is read (a full pipe would stall it) and its tail kept to explain a failure.
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const running = () => child.exitCode === null && child.signalCode === null;
  // exited() would wait forever for a child that a signal already ended: nothing to do then.
  const signal = (name: NodeJS.Signals) => async () => {
    if (!running() || !child.pid) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // the group is gone already
    }
    await exited(child);
  };
  const stop = signal("SIGTERM");
  const kill = signal("SIGKILL");
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && running()) {
    try {
      // Any answer means the server is up; an unauthenticated read is a 401.
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/channels`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      return { port, pid: child.pid!, stop, kill, alive: running, output: () => output };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await stop();
  throw new Error(`next start did not answer within a minute:\n${output}`);
}
