// Reading a page's search params: one value each, anything odd read as absent.
export type SearchParams = Record<string, string | string[] | undefined>;

export function one(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() ? first.trim() : undefined;
}

/** `asOf` from a datetime-local field (read as UTC) or a full ISO time; a future or unreadable one means now. */
export function asOfParam(params: SearchParams): Date | null {
  const raw = one(params, "asOf");
  if (!raw) return null;
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(date.getTime()) || date.getTime() >= Date.now() ? null : date;
}

export function pageOf(params: SearchParams): number {
  const page = Number(one(params, "page"));
  return Number.isInteger(page) && page > 0 ? page : 1;
}
