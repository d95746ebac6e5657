import { apiRoute, json, methodNotAllowed, parseWith } from "@/lib/server/api/handler";
import { journalCsv, journalLines } from "@/lib/server/views/finance/journal";
import { journalFilter, JournalQuerySchema } from "./query";

/** A CSV download streamed batch by batch; the first batch is read before answering, so a refusal is still a problem+json. */
async function csvResponse(lines: AsyncGenerator<string>): Promise<Response> {
  const first = await lines.next();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="journal.csv"', "cache-control": "no-store" },
  });
}

/** GET /api/v1/journal — journal lines, a page as JSON, or every matching line as CSV (`Accept: text/csv`). */
export const GET = apiRoute("finance.read", async ({ request, url }) => {
  const query = parseWith(JournalQuerySchema, Object.fromEntries(url.searchParams));
  const filter = journalFilter(query);
  if (request.headers.get("accept")?.toLowerCase().includes("text/csv")) return csvResponse(journalCsv(filter));
  return json(await journalLines({ ...filter, page: query.page, limit: query.limit }));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
