import { apiRoute, json, methodNotAllowed, parseWith } from "@/lib/server/api/handler";
import { csvDownload } from "@/lib/server/csv-download";
import { journalCsv, journalLines } from "@/lib/server/views/finance/journal";
import { journalFilter, JournalQuerySchema } from "./query";

/** GET /api/v1/journal — journal lines, a page as JSON, or every matching line as CSV (`Accept: text/csv`). */
export const GET = apiRoute("finance.read", async ({ request, url }) => {
  const query = parseWith(JournalQuerySchema, Object.fromEntries(url.searchParams));
  const filter = journalFilter(query);
  if (request.headers.get("accept")?.toLowerCase().includes("text/csv")) return csvDownload(journalCsv(filter), "journal.csv");
  return json(await journalLines({ ...filter, page: query.page, limit: query.limit }));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
