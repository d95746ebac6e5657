import "server-only";
import { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import { audit } from "@/lib/server/audit";
import { prisma, type Tx } from "@/lib/server/db";

// Which locations serve each sales channel. No rows for a channel means every
// location serves it; rows narrow it to those. Screens and the API share these.

const locationCode = z.string().trim().toUpperCase().min(1, "required").max(64);

/** The body of PUT /api/v1/channels/{channel}/locations; an empty list means "every location". */
export const ChannelLocationsInputSchema = z.strictObject({
  locations: z.array(locationCode).max(500),
});

export type ChannelLocations = { channel: string; name: string; locations: string[] };

/** Every channel with the codes of the locations that serve it (empty: all of them). */
export async function channelLocationMap(db: Tx = prisma): Promise<ChannelLocations[]> {
  const [channels, links, locations] = await Promise.all([
    db.channel.findMany({ select: { id: true, code: true, name: true }, orderBy: { code: "asc" } }),
    db.channelLocation.findMany({ select: { channelId: true, locationId: true } }),
    db.location.findMany({ select: { id: true, code: true } }),
  ]);
  const codeOf = new Map(locations.map((l) => [l.id, l.code]));
  return channels.map((channel) => ({
    channel: channel.code,
    name: channel.name,
    locations: links.filter((link) => link.channelId === channel.id).map((link) => codeOf.get(link.locationId) ?? link.locationId).sort(),
  }));
}

/** One channel's mapping, or unknown_channel. */
export async function channelLocationsOf(channelCode: string, db: Tx = prisma): Promise<ChannelLocations> {
  const found = (await channelLocationMap(db)).find((row) => row.channel === channelCode.trim().toLowerCase());
  if (!found) throw new DomainError("unknown_channel", `There is no sales channel '${channelCode}'.`);
  return found;
}

/**
 * Replaces the locations that serve a channel, in the caller's transaction, with
 * its audit entry. The channel row is locked first, so two admins saving at once
 * apply one after the other instead of colliding on the same rows.
 */
export async function setChannelLocations(tx: Tx, actor: { id: string }, channelCode: string, codes: string[]): Promise<ChannelLocations> {
  const [channel] = await tx.$queryRaw<{ id: string; code: string; name: string }[]>`
    SELECT id::text, code, name FROM channel WHERE code = ${channelCode.trim().toLowerCase()} FOR UPDATE`;
  if (!channel) throw new DomainError("unknown_channel", `There is no sales channel '${channelCode}'.`);
  const wanted = [...new Set(codes)].sort();
  // Sequential reads: one transaction's connection runs one query at a time anyway.
  const all = await tx.location.findMany({ select: { id: true, code: true } });
  const current = await tx.channelLocation.findMany({ where: { channelId: channel.id }, select: { locationId: true } });
  const idOf = new Map(all.map((l) => [l.code, l.id]));
  const missing = wanted.filter((code) => !idOf.has(code));
  if (missing.length > 0) {
    throw new DomainError("unknown_location", `There is no location ${missing.map((code) => `'${code}'`).join(", ")}.`, {
      locations: missing.map((code) => `unknown location ${code}`),
    });
  }
  const codeOf = new Map(all.map((l) => [l.id, l.code]));
  const before = current.map((row) => codeOf.get(row.locationId) ?? row.locationId).sort();
  const result = { channel: channel.code, name: channel.name, locations: wanted };
  if (before.join() === wanted.join()) return result;

  await tx.channelLocation.deleteMany({ where: { channelId: channel.id } });
  const rows = wanted.flatMap((code) => {
    const locationId = idOf.get(code);
    return locationId ? [{ channelId: channel.id, locationId }] : [];
  });
  if (rows.length > 0) await tx.channelLocation.createMany({ data: rows });
  await audit(tx, actor, {
    action: "channel.locations",
    target: { kind: "channel", id: channel.id, label: channel.code },
    before: { locations: before },
    after: { locations: wanted },
  });
  return result;
}
