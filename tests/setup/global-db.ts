// Vitest global setup: a migrated database for the run (TEST_DATABASE_URL, or a
// throwaway cluster started here when it is unset, so `npx vitest run` works alone)
// and a migrated template from which tests/helpers/fresh-db.ts copies databases.
import type { TestProject } from "vitest/node";
import { migrate } from "../../scripts/lib/migrate.ts";
import { testCluster, withDatabase } from "../../scripts/lib/target-db.ts";
import { createDatabase, dropDatabase, stopDatabase, sweepStaleClusters, uniqueName } from "../../scripts/lib/processes.ts";
import type { Database } from "../../scripts/lib/embedded-db.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  let cluster: Database | null = null;
  let ownDatabase: string | null = null;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    sweepStaleClusters();
    cluster = await testCluster();
    ownDatabase = uniqueName("concord_unit");
    await createDatabase(cluster.url, ownDatabase);
    url = withDatabase(cluster.url, ownDatabase);
    await migrate(url);
    process.env.TEST_DATABASE_URL = url;
  }
  // Nobody connects to the template: CREATE DATABASE … TEMPLATE refuses a template in use.
  const template = uniqueName("concord_tpl");
  await createDatabase(url, template);
  await migrate(withDatabase(url, template));
  project.provide("testDatabaseUrl", url);
  project.provide("templateDatabase", template);

  const server = url;
  return async () => {
    await dropDatabase(server, template).catch((error: unknown) => console.error(`could not drop ${template}: ${String(error)}`));
    if (cluster && ownDatabase) {
      await dropDatabase(cluster.url, ownDatabase).catch(() => {});
      await stopDatabase(cluster);
    }
  };
}
