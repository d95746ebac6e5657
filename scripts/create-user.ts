// npm run user:create -- --email a@b.c --name "Ada Stone" --role admin
// Creates a user on the configured database (DATABASE_URL, else the embedded one):
// how a production deployment gets its first admin. The password is read from
// CONCORD_NEW_PASSWORD or asked for on the terminal; it is never an argument.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { PrismaClient } from "../lib/generated/prisma/client.ts";
import { hashPassword } from "../lib/server/passwords.ts";
import { ROLES } from "../lib/domain/roles.ts";
import { appDatabase } from "./lib/target-db.ts";

const Args = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1),
  role: z.enum(ROLES),
  password: z.string().min(12, "the password needs at least 12 characters"),
});

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } } });
let password = process.env.CONCORD_NEW_PASSWORD;
if (!password) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  password = await prompt.question("Password for the new user (12+ characters): ");
  prompt.close();
}
const parsed = Args.safeParse({ ...values, password });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "arguments"}: ${issue.message}`);
  console.error('usage: npm run user:create -- --email a@b.c --name "Full Name" --role sales|warehouse|finance|admin');
  process.exit(2);
}

const db = await appDatabase(() => {});
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
try {
  const user = await prisma.user.create({
    data: { email: parsed.data.email, name: parsed.data.name, role: parsed.data.role, passwordHash: await hashPassword(parsed.data.password) },
    select: { email: true, role: true },
  });
  console.log(`created ${user.email} (${user.role})`);
} catch (error) {
  const duplicate = (error as { code?: string }).code === "P2002";
  console.error(duplicate ? `a user with email ${parsed.data.email} already exists` : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await db.stop();
}
