// Paging shared by every list: pure, so modules that must not load the Prisma
// client (the ledger's period close, scripts) can use it too.

export const PAGE_SIZE = 20;

export type Paged<Row> = { rows: Row[]; total: number; page: number; pageCount: number };

/** `?page=` as a page number; anything odd reads as the first page. */
export function pageParam(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export function paged<Row>(rows: Row[], total: number, page: number): Paged<Row> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

