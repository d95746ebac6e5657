import { appDatabase } from "./lib/target-db.ts";
import { migrate } from "./lib/migrate.ts";

const db = await appDatabase(console.log);
try {
  const applied = await migrate(db.url, console.log);
  console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
} finally {
  await db.stop();
}
