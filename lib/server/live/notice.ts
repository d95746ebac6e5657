// What the ledger tells open screens when a group commits: small enough for a
// NOTIFY payload (< 8000 bytes), and the same shape whether it arrives live or is
// replayed from ledger_event on (re)connect.
import { can, type Role } from "@/lib/domain/roles";

export const LIVE_CHANNEL = "concord_ledger";

/** The money an event carries (its data's unit or standard cost); only finance.read roles receive it. */
const MONEY_FIELDS = ["unitCost", "poUnitCost", "standardCost", "previous"] as const;

export type LiveNotice = {
  /** The group's last ledger seq: the SSE `id`, and what "as of event #N" shows. */
  seq: number;
  /** The group's first seq (a group spanning bins or a reversal writes several rows). */
  first: number;
  group: string;
  type: string;
  /** Null for a group about no SKU (a period close). */
  sku: string | null;
  /** Location codes the group touches; null when too many to list (then: any). */
  locations: string[] | null;
  occurredAt: string;
  /** Finance only: unit cost, standard cost and the like, as decimal strings. */
  money?: Record<string, string>;
};

const MAX_PAYLOAD = 7_900;

export function moneyOf(data: Record<string, unknown>): Record<string, string> | undefined {
  const money: Record<string, string> = {};
  for (const field of MONEY_FIELDS) {
    const value = data[field];
    if (typeof value === "string" || typeof value === "number") money[field] = String(value).slice(0, 40);
  }
  return Object.keys(money).length ? money : undefined;
}

/** The NOTIFY payload; the location list is dropped before the payload could reach PostgreSQL's 8000-byte limit. */
export function noticePayload(notice: LiveNotice): string {
  const payload = JSON.stringify(notice);
  if (payload.length <= MAX_PAYLOAD) return payload;
  return JSON.stringify({ ...notice, locations: null, sku: notice.sku && notice.sku.slice(0, 200), group: notice.group.slice(0, 64) });
}

/** A payload from the channel, or null when it is not one of ours (never trusted blindly: anyone may NOTIFY). */
export function parseNotice(payload: string): LiveNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const n = value as Partial<LiveNotice>;
  if (!Number.isSafeInteger(n.seq) || !Number.isSafeInteger(n.first) || typeof n.group !== "string" || typeof n.type !== "string") return null;
  if (n.sku !== null && typeof n.sku !== "string") return null;
  return {
    seq: n.seq!,
    first: n.first!,
    group: n.group,
    type: n.type,
    sku: n.sku,
    locations: Array.isArray(n.locations) ? n.locations.filter((code): code is string => typeof code === "string") : null,
    occurredAt: typeof n.occurredAt === "string" ? n.occurredAt : "",
    ...(n.money && typeof n.money === "object" ? { money: n.money } : {}),
  };
}

/**
 * What a role may see of a notice. Every role reads balances, so every role hears
 * of every SKU's events; money only reaches finance.read roles, and a group about
 * no SKU (a period close) only them too. Null: not for this role.
 */
export function noticeFor(role: Role, notice: LiveNotice): LiveNotice | null {
  const finance = can(role, "finance.read");
  if (notice.sku === null && !finance) return null;
  if (finance || !notice.money) return notice;
  const { money: _money, ...rest } = notice;
  void _money;
  return rest;
}
