// What a scan names, checked before anything is posted, so a wrong scan is
// refused with what was wrong and what is there instead.
import { DomainError } from "../errors.ts";

/** A barcode wedge types the code and Enter; people type lower case. Codes are upper case. */
export function normaliseScan(raw: string): string {
  return raw.trim().toUpperCase();
}

const list = (codes: readonly string[], max = 12) =>
  codes.length === 0 ? "none" : codes.length > max ? `${codes.slice(0, max).join(", ")} and ${codes.length - max} more` : codes.join(", ");

export function unknownSku(code: string, nearby: readonly string[]): DomainError {
  const hint = nearby.length ? ` Codes like it: ${list(nearby, 6)}.` : "";
  return new DomainError("unknown_sku", `No SKU '${code}' in the catalogue.${hint}`, { sku: ["unknown SKU"] });
}

export function unknownBin(location: string, bin: string, bins: readonly string[], field = "bin"): DomainError {
  return new DomainError("unknown_bin", `${location} has no bin '${bin}'. Its bins: ${list(bins)}.`, { [field]: ["unknown bin"] });
}

export function unknownLocation(code: string, locations: readonly string[], field = "location"): DomainError {
  return new DomainError("unknown_location", `No location '${code}'. Locations: ${list(locations)}.`, { [field]: ["unknown location"] });
}

export function sameLocation(location: string): DomainError {
  return new DomainError("invalid_input", `A transfer goes to another location: ${location} is both the source and the target.`, {
    toLocation: ["must differ from the source"],
  });
}
