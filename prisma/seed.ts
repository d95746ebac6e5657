// Seeds the demo business. Refuses to run in production. Idempotent: running it
// again leaves an existing demo database as it is.
import { PrismaPg } from "@prisma/adapter-pg";
import { createHash } from "node:crypto";
import { PrismaClient } from "../lib/generated/prisma/client.ts";
import { hashPassword } from "../lib/server/passwords.ts";
import { DEMO_USERS } from "./demo-users.ts";
import { DEMO_CHANNEL_LOCATIONS, DEMO_CHANNELS, DEMO_LOCATIONS, DEMO_SKUS } from "./catalogue.ts";
import { seedHistory } from "./demo-history.ts";

/** `history: false` seeds the catalogue alone, with an empty ledger. */
export async function seed(url: string, log: (line: string) => void = console.log, options: { history?: boolean } = {}) {
  if (process.env.NODE_ENV === "production") throw new Error("The demo seed refuses to run with NODE_ENV=production.");
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    if ((await prisma.user.count()) > 0) {
      log("demo data already present; seed skipped");
      return;
    }
    const passwordHash = await hashPassword(DEMO_USERS[0].password);
    await prisma.$transaction(async (tx) => {
      for (const user of DEMO_USERS) {
        // Demo users are people: they sign in with the shared password and hold one demo token each.
        await tx.user.create({ data: { id: user.id, email: user.email, name: user.name, role: user.role, kind: "human", passwordHash } });
        await tx.apiToken.create({
          data: {
            userId: user.id,
            name: "demo token",
            tokenHash: createHash("sha256").update(user.token).digest("hex"),
            prefix: user.token.slice(0, 12),
          },
        });
      }
      for (const location of DEMO_LOCATIONS) {
        await tx.location.create({
          data: { code: location.code, name: location.name, kind: location.kind, bins: { create: location.bins.map((code) => ({ code })) } },
        });
      }
      await tx.channel.createMany({ data: DEMO_CHANNELS });
      for (const [channel, locations] of Object.entries(DEMO_CHANNEL_LOCATIONS)) {
        const { id: channelId } = await tx.channel.findUniqueOrThrow({ where: { code: channel }, select: { id: true } });
        const served = await tx.location.findMany({ where: { code: { in: locations } }, select: { id: true } });
        await tx.channelLocation.createMany({ data: served.map(({ id }) => ({ channelId, locationId: id })) });
      }
      await tx.sku.createMany({
        data: DEMO_SKUS.map(({ baseCost: _baseCost, ...sku }) => ({ ...sku, standardCost: sku.standardCost ?? null })),
      });
    });
    log(`seeded ${DEMO_USERS.length} users, ${DEMO_LOCATIONS.length} locations, ${DEMO_CHANNELS.length} channels, ${DEMO_SKUS.length} SKUs`);
    if (options.history !== false) await seedHistory(url, log);
  } finally {
    await prisma.$disconnect();
  }
}
