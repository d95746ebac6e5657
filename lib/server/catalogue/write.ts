import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { DomainError } from "@/lib/domain/errors";
import type { ChannelInput, LocationInput, PolicyInput, SkuInput } from "@/lib/domain/catalogue-input";

// Master data writes. Each takes the acting admin and writes its audit entry in
// the caller's transaction, so screens and the API leave the same trail.

type Actor = { id: string };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function uniquely<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", `${what} already exists.`);
    throw error;
  }
}

export async function createSku(tx: Tx, actor: Actor, input: SkuInput) {
  const sku = await uniquely(`SKU ${input.sku}`, () =>
    tx.sku.create({
      data: { code: input.sku, name: input.name, category: input.category, uom: input.uom, costingMethod: input.costingMethod, standardCost: input.standardCost ?? null },
      select: { id: true, code: true, name: true, category: true, uom: true, costingMethod: true, standardCost: true },
    }),
  );
  await audit(tx, actor, { action: "sku.create", target: { kind: "sku", id: sku.id, label: sku.code }, after: sku });
  return sku;
}

export async function createLocation(tx: Tx, actor: Actor, input: LocationInput) {
  if (new Set(input.bins).size !== input.bins.length) throw new DomainError("invalid_input", "Bin codes repeat.", { bins: ["must be unique"] });
  const location = await uniquely(`Location ${input.code}`, () =>
    tx.location.create({
      data: { code: input.code, name: input.name, kind: input.kind, bins: { create: input.bins.map((code) => ({ code })) } },
      select: { id: true, code: true, name: true, kind: true, bins: { select: { code: true }, orderBy: { code: "asc" } } },
    }),
  );
  await audit(tx, actor, { action: "location.create", target: { kind: "location", id: location.id, label: location.code }, after: location });
  return location;
}

export async function addBins(tx: Tx, actor: Actor, locationCode: string, bins: string[]) {
  const location = await tx.location.findUnique({ where: { code: locationCode }, select: { id: true, bins: { select: { code: true }, orderBy: { code: "asc" } } } });
  if (!location) throw new DomainError("unknown_location", `There is no location '${locationCode}'.`);
  const created = await tx.bin.createManyAndReturn({ data: bins.map((code) => ({ locationId: location.id, code })), skipDuplicates: true, select: { code: true } });
  if (created.length === 0) return { added: [] as string[] };
  await audit(tx, actor, {
    action: "location.bins",
    target: { kind: "location", id: location.id, label: locationCode },
    before: { bins: location.bins.map((b) => b.code) },
    after: { bins: [...location.bins.map((b) => b.code), ...created.map((b) => b.code)].sort() },
  });
  return { added: created.map((b) => b.code).sort() };
}

/** Units in one bin now, per internal state (external positions never carry a bin). */
export async function binContents(tx: Tx, locationId: string, bin: string): Promise<{ state: string; qty: number }[]> {
  const rows = await tx.$queryRaw<{ state: string; qty: number }[]>`
    SELECT state, sum(qty)::int AS qty FROM balance
    WHERE location_id = ${locationId}::uuid AND bin = ${bin} AND qty <> 0 AND state NOT IN ('SUPPLIER', 'CUSTOMER', 'SCRAP', 'COUNT_ADJUSTMENT')
    GROUP BY state ORDER BY state`;
  return rows;
}

/**
 * Removes a bin that holds nothing. History names bins by their code, so an
 * empty bin's removal loses nothing; a bin with units is refused, naming them.
 */
export async function removeBin(tx: Tx, actor: Actor, locationCode: string, binCode: string) {
  // SHARE conflicts with every ledger write: one in flight finishes first and is
  // seen below; one that starts after meets the bin's absence (balance_bin_exists).
  await tx.$executeRaw`LOCK TABLE balance IN SHARE MODE`;
  const location = await tx.location.findUnique({ where: { code: locationCode }, select: { id: true, bins: { select: { id: true, code: true }, orderBy: { code: "asc" } } } });
  if (!location) throw new DomainError("unknown_location", `There is no location '${locationCode}'.`);
  const bin = location.bins.find((b) => b.code === binCode);
  if (!bin) throw new DomainError("unknown_bin", `${locationCode} has no bin '${binCode}'. Its bins: ${location.bins.map((b) => b.code).join(", ") || "none"}.`);
  const held = await binContents(tx, location.id, binCode);
  if (held.length > 0) {
    const total = held.reduce((sum, row) => sum + row.qty, 0);
    const parts = held.map((row) => `${row.qty} ${row.state.toLowerCase().replace(/_/g, " ")}`).join(", ");
    throw new DomainError("conflict", `Bin ${binCode} at ${locationCode} still holds ${total} ${total === 1 ? "unit" : "units"} (${parts}). Move or count them out first; only an empty bin can be removed.`);
  }
  await tx.bin.delete({ where: { id: bin.id }, select: { id: true } });
  const before = location.bins.map((b) => b.code);
  await audit(tx, actor, {
    action: "location.bins",
    target: { kind: "location", id: location.id, label: locationCode },
    before: { bins: before },
    after: { bins: before.filter((code) => code !== binCode) },
  });
  return { location: locationCode, bin: binCode };
}

export async function createChannel(tx: Tx, actor: Actor, input: ChannelInput) {
  const channel = await uniquely(`Channel ${input.code}`, () => tx.channel.create({ data: input, select: { id: true, code: true, name: true } }));
  await audit(tx, actor, { action: "channel.create", target: { kind: "channel", id: channel.id, label: channel.code }, after: channel });
  return channel;
}

/** Replaces the SKU × location policy and its channel fences as one unit. */
export async function setPolicy(tx: Tx, actor: Actor, skuCode: string, input: PolicyInput) {
  // Sequential: parallel queries on one transaction's connection are deprecated in pg (and gain nothing).
  const sku = await tx.sku.findUnique({ where: { code: skuCode }, select: { id: true, code: true } });
  const locationRow = await tx.location.findUnique({ where: { code: input.location }, select: { id: true } });
  const channels = await tx.channel.findMany({ select: { id: true, code: true } });
  if (!sku) throw new DomainError("unknown_sku", `There is no SKU '${skuCode}'.`);
  if (!locationRow) throw new DomainError("unknown_location", `There is no location '${input.location}'.`, { location: ["unknown location"] });
  const location = locationRow.id;
  const channelIds = new Map(channels.map((c) => [c.code, c.id]));
  const fences = input.allocations.map((allocation) => {
    const channelId = channelIds.get(allocation.channel);
    if (!channelId) throw new DomainError("unknown_channel", `There is no sales channel '${allocation.channel}'.`, { allocations: ["unknown channel"] });
    return { channelId, qty: allocation.qty };
  });
  if (new Set(fences.map((f) => f.channelId)).size !== fences.length) {
    throw new DomainError("invalid_input", "A channel appears twice in allocations.", { allocations: ["one entry per channel"] });
  }
  const data = {
    safetyStock: input.safetyStock,
    inspectionLeadDays: input.inspectionLeadDays,
    writeOffValue: input.approvalThresholds.writeOffValue,
    countVarianceUnits: input.approvalThresholds.countVarianceUnits,
  };
  const before = await policySnapshot(tx, sku.id, location, channels);
  await tx.skuPolicy.upsert({ where: { skuId_locationId: { skuId: sku.id, locationId: location } }, create: { skuId: sku.id, locationId: location, ...data }, update: data });
  await tx.channelAllocation.deleteMany({ where: { skuId: sku.id, locationId: location } });
  if (fences.length) await tx.channelAllocation.createMany({ data: fences.map((f) => ({ skuId: sku.id, locationId: location, ...f })) });
  const after = { sku: sku.code, location: input.location, ...data, allocations: input.allocations };
  await audit(tx, actor, { action: "policy.set", target: { kind: "policy", id: `${sku.id}:${location}`, label: `${sku.code} at ${input.location}` }, before, after });
  return after;
}

/** The policy and fences as they stood, for the audit entry; null when the SKU had none at the location. */
async function policySnapshot(tx: Tx, skuId: string, locationId: string, channels: { id: string; code: string }[]) {
  const policy = await tx.skuPolicy.findUnique({
    where: { skuId_locationId: { skuId, locationId } },
    select: { safetyStock: true, inspectionLeadDays: true, writeOffValue: true, countVarianceUnits: true },
  });
  const fences = await tx.channelAllocation.findMany({ where: { skuId, locationId }, select: { channelId: true, qty: true }, orderBy: { channelId: "asc" } });
  if (!policy && fences.length === 0) return null;
  const codes = new Map(channels.map((c) => [c.id, c.code]));
  return { ...policy, allocations: fences.map((f) => ({ channel: codes.get(f.channelId) ?? f.channelId, qty: f.qty })) };
}
