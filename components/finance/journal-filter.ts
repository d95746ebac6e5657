// The journal screen's filter (days, inclusive, as a reader picks them) turned into
// the views' filter (instants: from inclusive, to exclusive).
import { dayEnd, dayStart } from "@/lib/domain/periods";
import type { JournalFilter } from "@/lib/server/views/finance/types";
import { isAccount } from "./labels";
import type { JournalQuery } from "./journal-href";
import { dayParam, pageOf, textParam, type SearchParams } from "./params";

export function journalQueryOf(params: SearchParams): JournalQuery {
  const account = textParam(params, "account");
  const sku = textParam(params, "sku").toUpperCase();
  return {
    from: dayParam(params, "from"),
    to: dayParam(params, "to"),
    sku: sku || undefined,
    account: isAccount(account) ? account : undefined,
    page: pageOf(params),
  };
}

/** "To 31 Oct" takes in the whole of 31 Oct. */
export function journalFilterOf(query: JournalQuery): JournalFilter {
  return {
    from: query.from ? dayStart(query.from) : undefined,
    to: query.to ? dayEnd(query.to) : undefined,
    sku: query.sku,
    account: query.account,
  };
}
