import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import { DomainError } from "@/lib/domain/errors";
import type { ChannelInput, LocationInput, PolicyInput, SkuInput } from "@/lib/domain/catalogue-input";

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

export function createSku(tx: Tx, input: SkuInput) {
  return uniquely(`SKU ${input.sku}`, () =>
    tx.sku.create({
      data: { code: input.sku, name: input.name, category: input.category, uom: input.uom, costingMethod: input.costingMethod, standardCost: input.standardCost ?? null },
      select: { id: true, code: true, name: true, category: true, uom: true, costingMethod: true, standardCost: true },
    }),
  );
}

export function createLocation(tx: Tx, input: LocationInput) {
  if (new Set(input.bins).size !== input.bins.length) throw new DomainError("invalid_input", "Bin codes repeat.", { bins: ["must be unique"] });
  return uniquely(`Location ${input.code}`, () =>
    tx.location.create({
      data: { code: input.code, name: input.name, kind: input.kind, bins: { create: input.bins.map((code) => ({ code })) } },
      select: { id: true, code: true, name: true, kind: true, bins: { select: { code: true }, orderBy: { code: "asc" } } },
    }),
  );
}

export async function addBins(tx: Tx, locationCode: string, bins: string[]) {
  const location = await tx.location.findUnique({ where: { code: locationCode }, select: { id: true } });
  if (!location) throw new DomainError("unknown_location", `There is no location '${locationCode}'.`);
  await tx.bin.createMany({ data: bins.map((code) => ({ locationId: location.id, code })), skipDuplicates: true });
}

export function createChannel(tx: Tx, input: ChannelInput) {
  return uniquely(`Channel ${input.code}`, () => tx.channel.create({ data: input, select: { id: true, code: true, name: true } }));
}

/** Replaces the SKU × location policy and its channel fences as one unit. */
export async function setPolicy(tx: Tx, skuCode: string, input: PolicyInput) {
  const [sku, locationRow, channels] = await Promise.all([
    tx.sku.findUnique({ where: { code: skuCode }, select: { id: true, code: true } }),
    tx.location.findUnique({ where: { code: input.location }, select: { id: true } }),
    tx.channel.findMany({ select: { id: true, code: true } }),
  ]);
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
  await tx.skuPolicy.upsert({ where: { skuId_locationId: { skuId: sku.id, locationId: location } }, create: { skuId: sku.id, locationId: location, ...data }, update: data });
  await tx.channelAllocation.deleteMany({ where: { skuId: sku.id, locationId: location } });
  if (fences.length) await tx.channelAllocation.createMany({ data: fences.map((f) => ({ skuId: sku.id, locationId: location, ...f })) });
  return { sku: sku.code, location: input.location, ...data, allocations: input.allocations };
}
