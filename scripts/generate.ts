// Generates the Prisma client offline. Skips the work when the schema has not
// changed since the last run, so every script can call it cheaply.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const schema = readFileSync(path.join(root, "prisma/schema.prisma"));
const digest = createHash("sha256").update(schema).digest("hex");
const outDir = path.join(root, "lib/generated/prisma");
const stamp = path.join(outDir, ".schema-sha256");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) process.exit(0);

execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts/prisma-schema-engine-stub.sh"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
writeFileSync(stamp, digest);
