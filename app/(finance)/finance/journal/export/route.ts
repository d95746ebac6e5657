import { journalFilterOf, journalQueryOf } from "@/components/finance/journal-filter";
import { can } from "@/lib/domain/roles";
import { isDomainError } from "@/lib/domain/errors";
import { currentUser } from "@/lib/server/session";
import { journalCsv } from "@/lib/server/views/finance/journal";

/**
 * The journal as a CSV download for the screen's "Download CSV" link: the browser
 * holds a session cookie, not a bearer token, so this route reads the session and
 * checks the role itself (a route handler has no layout guarding it).
 */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in to download the journal.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (!can(user.role, "finance.read")) return new Response("The journal belongs to the Finance role.\n", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  const query = journalQueryOf(Object.fromEntries(new URL(request.url).searchParams));
  const lines = journalCsv(journalFilterOf(query));
  // The first chunk (the header, after the SKU check) is read before answering, so an unknown SKU is a 400, not a broken download.
  let first: IteratorResult<string>;
  try {
    first = await lines.next();
  } catch (error) {
    if (isDomainError(error)) return new Response(`${error.message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
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
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName(query)}"`,
      "cache-control": "no-store",
    },
  });
}

function fileName(query: ReturnType<typeof journalQueryOf>): string {
  const parts = ["journal", query.from && `from-${query.from}`, query.to && `to-${query.to}`, query.sku, query.account].filter(Boolean);
  // Codes are letters, digits, '-' and '_'; anything else is dropped rather than trusted in a header.
  return `${parts.join("_").replace(/[^A-Za-z0-9_.-]/g, "")}.csv`;
}
