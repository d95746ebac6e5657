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


/**
 * One page of a list already in memory. A page past the end reads as the last
 * one: a work queue shrinks as it is worked, and the page a user was on should
 * not turn empty under them.
 */
export function pageOfList<Row>(all: readonly Row[], page: number): Paged<Row> {
  const pageCount = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const at = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  return { rows: all.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE), total: all.length, page: at, pageCount };
}
