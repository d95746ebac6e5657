import { appDatabase } from "./lib/target-db.ts";
import { migrate } from "./lib/migrate.ts";
import { seed } from "../prisma/seed.ts";

const db = await appDatabase(console.log);
try {
  await migrate(db.url, console.log);
  await seed(db.url);
} finally {
  await db.stop();
}
