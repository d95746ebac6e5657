// npm run chaos — crash safety. Clients post events over HTTP (POST /api/v1/events
// and /events/batch, each request with its own Idempotency-Key) to `next start` of
// the production build, on a PostgreSQL cluster of the run's own. Each round, at a
// random moment, the app server (its whole process group), PostgreSQL (postmaster
// and backends) or both get SIGKILL; they are restarted on the same port and data
// directory while the clients retry what was not answered. Then, from the database:
// every acknowledged group is there exactly once with all its legs, nothing
// unanswered is half-written, retried keys posted once, and balances and valuation
// equal a replay of the ledger. Exit code 1 on any loss or broken answer.
//
//   npm run chaos -- --rounds 4 --seconds 30 --seed 42 --clients 16
import { ensureBuild, startApp, type AppServer } from "../bench/app-server.ts";
import { portIsFree, throughSocket } from "./lib/embedded-db.ts";
import { onShutdown, stopChildren } from "./lib/processes.ts";
import { chaosCluster, type ChaosCluster } from "./lib/chaos/cluster.ts";
import { chaosDatabase } from "./lib/chaos/fixture.ts";
import { emptyStats, runClient, type Control, type Posting, type RoundStats } from "./lib/chaos/clients.ts";
import { random } from "./lib/chaos/random.ts";
import { verify } from "./lib/chaos/verify.ts";

type Victim = "app" | "database" | "both";
type Round = { victim: Victim; killedAt: number; downMs: number; recoveredMs: number };

function options(argv: string[]) {
  const values: Record<string, number> = { rounds: 4, seconds: 30, clients: 16, seed: Math.floor(Math.random() * 2 ** 31) };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const name = flag.replace(/^--/, "");
    const value = Number(inline ?? argv[++i]);
    if (!(name in values) || !Number.isInteger(value) || value < (name === "seed" ? 0 : 1)) {
      console.error(`usage: npm run chaos -- [--rounds N] [--seconds S] [--clients C] [--seed X]   (whole numbers; "${argv[i - (inline ? 0 : 1)]}" is not one of them)`);
      process.exit(2);
    }
    values[name] = value;
  }
  return values as { rounds: number; seconds: number; clients: number; seed: number };
}

const { rounds, seconds, clients, seed } = options(process.argv.slice(2));
const say = (line: string) => console.log(`[chaos] ${line}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DRAIN_MS = 90_000;

let cluster: ChaosCluster | null = null;
let app: AppServer | null = null;
const control: Control = { port: 0, round: 0, phase: "run", restarts: 0, stats: [emptyStats()], failures: [] };

onShutdown(async () => {
  control.phase = "stop";
  await stopChildren("SIGKILL", 1_000);
  await cluster?.remove();
  process.exit(130);
});

/** SIGKILL to the victim, a pause, then both serving again; the app's port and the cluster's data directory stay. */
async function crash(victim: Victim, rng: ReturnType<typeof random>, appUrl: string): Promise<{ downMs: number; recoveredMs: number }> {
  if (!app || !cluster) throw new Error("nothing to crash");
  const killed = Date.now();
  // Both at once when both are the victim, as a machine losing power would.
  await Promise.all([victim !== "app" ? cluster.kill() : null, victim !== "database" ? app.kill() : null]);
  const downMs = rng.int(200, 2_000);
  await pause(downMs);
  if (victim !== "app") await cluster.restart();
  if (victim !== "database") {
    for (let waited = 0; !(await portIsFree(control.port)) && waited < 10_000; waited += 100) await pause(100);
    app = await startApp(appUrl, { port: control.port });
  } else if (!app.alive()) {
    control.failures.push(`the app server died when PostgreSQL did:\n${app.output()}`);
    app = await startApp(appUrl, { port: control.port });
  }
  control.restarts++;
  return { downMs, recoveredMs: Date.now() - killed };
}

function table(plan: Round[], stats: RoundStats[]) {
  const header = "round  killed    at s  recovered s   posted   acked  retried   503  dropped  abandoned  refused  5xx  replays";
  console.log(`\n${header}`);
  const row = (label: string, round: Round | null, s: RoundStats) =>
    console.log(
      [
        label.padEnd(5),
        (round?.victim ?? "–").padEnd(8),
        (round ? (round.killedAt / 1000).toFixed(1) : "–").padStart(5),
        (round ? (round.recoveredMs / 1000).toFixed(1) : "–").padStart(12),
        String(s.posted).padStart(8),
        String(s.acked).padStart(7),
        String(s.retried).padStart(8),
        String(s.unavailable).padStart(5),
        String(s.dropped).padStart(8),
        String(s.abandoned).padStart(10),
        String(s.refused).padStart(8),
        String(s.serverErrors).padStart(4),
        String(s.replays).padStart(8),
      ].join(" "),
    );
  plan.forEach((round, i) => row(String(i + 1), round, stats[i]));
  row("drain", null, stats[plan.length] ?? emptyStats());
}

let exitCode = 1;
try {
  const rng = random(seed);
  const run = seed.toString(36);
  say(`seed ${seed}: ${rounds} round(s) of ${seconds} s, ${clients} clients (repeat with --seed ${seed})`);
  cluster = await chaosCluster();
  process.env.NEXTAUTH_SECRET ??= "chaos-secret-chaos-secret-chaos-secret";
  const url = await chaosDatabase(cluster.url, "concord_chaos", clients);
  await ensureBuild(url, say);
  const appUrl = throughSocket(url); // the cluster is an embedded one of the run's own
  app = await startApp(appUrl);
  control.port = app.port;
  say(`app on 127.0.0.1:${app.port}, PostgreSQL at ${new URL(cluster.url).host}; posting…`);

  const postings: Posting[] = [];
  const clientsDone = Promise.all(Array.from({ length: clients }, (_, c) => runClient(c, run, rng.fork(), control, postings)));
  // Each victim in turn, in an order the seed picks, so that even two rounds kill different things.
  const victims: Victim[] = (["app", "database", "both"] as const).map((v) => [rng.next(), v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  const plan: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    control.round = r;
    control.stats[r] ??= emptyStats();
    const started = Date.now();
    const killedAt = Math.round(seconds * 1000 * (0.25 + 0.5 * rng.next()));
    await pause(killedAt);
    if (!app.alive()) control.failures.push(`the app server exited by itself in round ${r + 1}:\n${app.output()}`);
    const victim = victims[r % victims.length];
    say(`round ${r + 1}: SIGKILL ${victim === "both" ? "the app and PostgreSQL" : victim === "app" ? "the app" : "PostgreSQL"} at ${(killedAt / 1000).toFixed(1)} s`);
    const { downMs, recoveredMs } = await crash(victim, rng, appUrl);
    plan.push({ victim, killedAt, downMs, recoveredMs });
    await pause(Math.max(0, started + seconds * 1000 - Date.now()));
  }

  // Drain: nothing new, every client retries what is unanswered until it is answered.
  control.round = rounds;
  control.stats[rounds] = emptyStats();
  control.phase = "drain";
  say("draining: the clients retry what is still unanswered…");
  const drained = await Promise.race([clientsDone.then(() => true), pause(DRAIN_MS).then(() => false)]);
  if (!drained) control.failures.push(`requests were still unanswered ${DRAIN_MS / 1000} s after the last restart`);
  control.phase = "stop";
  await clientsDone;
  if (!app.alive()) control.failures.push(`the app server exited by itself:\n${app.output()}`);
  await app.stop();

  say("verifying against the database…");
  const verdict = await verify(url, run, postings);
  table(plan, control.stats);
  const a = verdict.acknowledged;
  console.log(
    `\nacknowledged: ${a.requests} requests (${a.batches} batches), ${a.groups} groups, ${a.legs} legs (${a.multiLeg} groups of several legs); ` +
      `${verdict.retriedAcknowledged} answered only after a retry`,
  );
  console.log(`never answered (abandoned): ${verdict.unanswered.committed} committed whole, ${verdict.unanswered.absent} absent; refused: ${verdict.refused}`);
  const failures = [...control.failures, ...verdict.failures];
  if (failures.length) {
    console.log(`\n\x1b[31mFAILED: ${failures.length} problem(s)\x1b[0m`);
    for (const failure of failures.slice(0, 30)) console.log(`  - ${failure}`);
    if (failures.length > 30) console.log(`  … and ${failures.length - 30} more`);
  } else {
    console.log("\n\x1b[32mPASSED\x1b[0m: no acknowledged event lost or doubled (retried keys posted once), nothing half-written, balances and valuation equal a replay");
    exitCode = 0;
  }
} catch (error) {
  console.error(error);
} finally {
  control.phase = "stop";
  await app?.kill();
  await cluster?.remove();
}
process.exit(exitCode);
