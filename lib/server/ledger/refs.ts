import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { EventInput } from "@/lib/domain/event-input";

export type SkuRef = { id: string; code: string; costingMethod: "fifo" | "average" | "standard" };
export type Refs = {
  locationIdByCode: Map<string, string>;
  locationCodeById: Map<string, string>;
  binsByLocation: Map<string, Set<string>>;
  channelIdByCode: Map<string, string>;
  channelCodeById: Map<string, string>;
};

/** Locations, bins and channels are a handful of rows: one round trip reads them all. */
export async function readRefs(tx: Db): Promise<Refs> {
  const rows = await tx.query<{ kind: string; id: string; code: string; parent: string | null }>(sql`
    SELECT 'location' AS kind, id::text, code, NULL AS parent FROM location
    UNION ALL SELECT 'bin', id::text, code, location_id::text FROM bin
    UNION ALL SELECT 'channel', id::text, code, NULL FROM channel`);
  const refs: Refs = {
    locationIdByCode: new Map(),
    locationCodeById: new Map(),
    binsByLocation: new Map(),
    channelIdByCode: new Map(),
    channelCodeById: new Map(),
  };
  for (const row of rows) {
    if (row.kind === "location") {
      refs.locationIdByCode.set(row.code, row.id);
      refs.locationCodeById.set(row.id, row.code);
    } else if (row.kind === "channel") {
      refs.channelIdByCode.set(row.code, row.id);
      refs.channelCodeById.set(row.id, row.code);
    } else if (row.parent) {
      const bins = refs.binsByLocation.get(row.parent) ?? new Set<string>();
      bins.add(row.code);
      refs.binsByLocation.set(row.parent, bins);
    }
  }
  return refs;
}

export type RefNeeds = { locations?: (string | undefined)[]; bins?: [string, string | undefined][]; channels?: (string | undefined)[]; ids?: string[] };

let cache: { url: string; refs: Refs } | undefined;

function covers(refs: Refs, needs: RefNeeds): boolean {
  return (
    (needs.locations ?? []).every((code) => code === undefined || refs.locationIdByCode.has(code)) &&
    (needs.channels ?? []).every((code) => code === undefined || refs.channelIdByCode.has(code)) &&
    (needs.bins ?? []).every(([location, bin]) => bin === undefined || refs.binsByLocation.get(refs.locationIdByCode.get(location) ?? "")?.has(bin)) &&
    (needs.ids ?? []).every((id) => id === "" || refs.locationCodeById.has(id) || refs.channelCodeById.has(id))
  );
}

/**
 * Master data is only ever added (codes are never renamed or removed), so a
 * cached copy is right for every code it knows; a code it does not know sends
 * us back to the database once before anything is refused.
 */
export async function loadRefs(tx: Db, needs: RefNeeds = {}): Promise<Refs> {
  const cached = cachedRefs(tx, needs);
  if (cached) return cached;
  const refs = await readRefs(tx);
  cache = { url: tx.key, refs };
  return refs;
}

/** This process's copy of master data, when it is of this database and knows every code needed. */
function cachedRefs(tx: Db, needs: RefNeeds): Refs | undefined {
  return cache && cache.url === tx.key && covers(cache.refs, needs) ? cache.refs : undefined;
}

/**
 * Drops this process's copy after master data lost a code (a bin removed once
 * empty), so the next event reads it afresh. Other processes keep theirs until
 * they miss a code; the database refuses units into a removed bin in any case.
 */
export function forgetRefs(): void {
  cache = undefined;
}

export function locationId(refs: Refs, code: string, field = "location"): string {
  const id = refs.locationIdByCode.get(code);
  if (!id) throw new DomainError("unknown_location", `There is no location '${code}'.`, { [field]: ["unknown location"] });
  return id;
}

export function channelId(refs: Refs, code: string): string {
  const id = refs.channelIdByCode.get(code);
  if (!id) throw new DomainError("unknown_channel", `There is no sales channel '${code}'.`, { channel: ["unknown channel"] });
  return id;
}

export function checkBin(refs: Refs, location: string, bin: string | undefined, field = "bin") {
  if (bin === undefined) return;
  if (!refs.binsByLocation.get(locationId(refs, location))?.has(bin)) {
    throw new DomainError("unknown_bin", `Location ${location} has no bin '${bin}'.`, { [field]: ["unknown bin"] });
  }
}

export async function findSku(tx: Db, code: string): Promise<SkuRef> {
  const rows = await tx.query<{ id: string; code: string; costing_method: SkuRef["costingMethod"] }>(sql`SELECT id::text, code, costing_method::text AS costing_method FROM sku WHERE code = ${code}`,
  );
  const row = rows[0];
  if (!row) throw new DomainError("unknown_sku", `There is no SKU '${code}'.`, { sku: ["unknown SKU"] });
  return { id: row.id, code: row.code, costingMethod: row.costing_method };
}

/** The master-data codes an event names besides its SKU. */
type Codes = { location?: string; bin?: string; toBin?: string; channel?: string; toLocation?: string };

function codesIn(input: EventInput): Codes {
  return {
    location: "location" in input ? input.location : undefined,
    bin: "bin" in input ? input.bin : undefined,
    toBin: "toBin" in input ? input.toBin : undefined,
    channel: "channel" in input ? input.channel || undefined : undefined,
    toLocation: "toLocation" in input ? input.toLocation : undefined,
  };
}

/** Resolves and checks every code an event names, in one place: an unknown one is refused before any lock is taken. */
export async function resolveCodes(tx: Db, input: EventInput): Promise<{ refs: Refs; locationId?: string }> {
  const codes = codesIn(input);
  return checkCodes(await loadRefs(tx, needsOf(codes)), codes);
}

/**
 * `resolveCodes` without waiting, from this process's copy of master data; null
 * when that copy does not know every code the event names (`resolveCodes` then
 * reads them afresh before refusing any).
 */
export function knownCodes(tx: Db, input: EventInput): { refs: Refs; locationId?: string } | null {
  const codes = codesIn(input);
  const refs = cachedRefs(tx, needsOf(codes));
  return refs ? checkCodes(refs, codes) : null;
}

function needsOf(codes: Codes): RefNeeds {
  const location = codes.location;
  return {
    locations: [location, codes.toLocation],
    channels: [codes.channel],
    bins: location ? [[location, codes.bin], [location, codes.toBin]] : [],
  };
}

function checkCodes(refs: Refs, codes: Codes): { refs: Refs; locationId?: string } {
  const location = codes.location;
  if (codes.channel) channelId(refs, codes.channel);
  if (codes.toLocation) locationId(refs, codes.toLocation, "toLocation");
  if (!location) return { refs };
  checkBin(refs, location, codes.bin);
  checkBin(refs, location, codes.toBin, "toBin");
  return { refs, locationId: locationId(refs, location) };
}
