import "server-only";
import { listChannels } from "@/lib/server/catalogue/read";
import { readChosenChannel } from "@/lib/server/views/sales";

export type ResolvedChannel = { code: string; known: true } | { code: string; known: false; channels: { code: string; name: string }[] };

/**
 * The channel a sales page shows: the one in the URL, else the one the rep chose
 * last (if it still exists), else the first. A channel in the URL that does not
 * exist is reported, not silently replaced, so a wrong link says so.
 */
export async function resolveChannel(requested: string | undefined): Promise<ResolvedChannel> {
  const [channels, chosen] = await Promise.all([listChannels(), readChosenChannel()]);
  const exists = (code: string | null | undefined): code is string => !!code && channels.some((channel) => channel.code === code);
  if (requested) return exists(requested) ? { code: requested, known: true } : { code: requested, known: false, channels };
  const code = exists(chosen) ? chosen : channels[0]?.code;
  return code ? { code, known: true } : { code: "", known: false, channels };
}

export function queryText(value: string | string[] | undefined, max = 100): string {
  // U+0000 cannot reach PostgreSQL (a text parameter holding it is an error), and no code or name contains it.
  return (typeof value === "string" ? value : "").replaceAll("\0", "").trim().slice(0, max);
}
