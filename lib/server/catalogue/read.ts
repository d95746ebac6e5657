import "server-only";
import { channels, locations, skus } from "@/lib/server/views/catalogue";

// Master data as the API returns it: the screens' reads, keyed by code rather than id.

export async function listSkus() {
  return (await skus()).map(({ id: _id, code, ...rest }) => ({ sku: code, ...rest }));
}

export async function listLocations() {
  return (await locations()).map(({ id: _id, bins, ...rest }) => ({ ...rest, bins: bins.map((bin) => bin.code) }));
}

export async function listChannels() {
  return (await channels()).map(({ id: _id, ...rest }) => rest);
}
