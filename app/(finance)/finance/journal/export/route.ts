import { journalFilterOf, journalQueryOf } from "@/components/finance/journal-filter";
import { can } from "@/lib/domain/roles";
import { isDomainError } from "@/lib/domain/errors";
import { currentUser } from "@/lib/server/session";
import { csvDownload } from "@/lib/server/csv-download";
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
  try {
    return await csvDownload(lines, fileName(query));
  } catch (error) {
    // An unknown SKU is refused before the file begins: a 400 in words, not a broken download.
    if (isDomainError(error)) return new Response(`${error.message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}

function fileName(query: ReturnType<typeof journalQueryOf>): string {
  const parts = ["journal", query.from && `from-${query.from}`, query.to && `to-${query.to}`, query.sku, query.account].filter(Boolean);
  // Codes are letters, digits, '-' and '_'; anything else is dropped rather than trusted in a header.
  return `${parts.join("_").replace(/[^A-Za-z0-9_.-]/g, "")}.csv`;
}
