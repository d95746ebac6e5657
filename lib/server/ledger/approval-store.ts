import "server-only";
import { empty, sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import { EventInputSchema, type EventInput } from "@/lib/domain/event-input";
import type { Plan } from "@/lib/domain/plan";
import { decisionPermission } from "@/lib/domain/event-types";
import { isUuid } from "@/lib/domain/ids";
import { can, isRole, type Permission, type Role } from "@/lib/domain/roles";
import type { SkuRef } from "./refs";

export type ApprovalView = {
  id: string;
  type: string;
  status: "pending" | "approved" | "rejected";
  sku: string | null;
  qty: number | null;
  amount: string | null;
  summary: string;
  reason: string | null;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  eventSeq: number | null;
  /** The event group the approval posted. */
  eventGroup: string | null;
  /** Exactly the moves an approval posts. */
  legs: { from: LegEnd; to: LegEnd; qty: number }[];
  /** Why approving failed last time it was tried (stock moved since the request). */
  staleReason: string | null;
  /** The permission that decides the request. */
  permission: Permission | null;
};

type LegEnd = { location: string; state: string; bin: string; doc: string };
type StoredPlan = Pick<Plan, "type" | "legs" | "data">;

type ApprovalRow = {
  id: string; type: string; status: ApprovalView["status"]; sku: string | null; qty: number | null; amount: string | null;
  payload: { input: unknown; summary: string; plan?: StoredPlan }; reason: string | null; requested_by: string; requester_name: string;
  requester_role: string; requested_at: Date; decided_by: string | null; decider_name: string | null; decided_at: Date | null;
  decision_note: string | null; event_seq: number | null; event_group: string | null; stale_reason: string | null;
};

const SELECT_APPROVAL = sql`
  SELECT a.id::text, a.type, a.status::text AS status, s.code AS sku, a.qty, a.amount::text, a.payload, a.reason,
         a.requested_by::text, ru.name AS requester_name, ru.role::text AS requester_role, a.requested_at,
         a.decided_by::text, du.name AS decider_name, a.decided_at, a.decision_note, a.event_seq, a.event_group::text, a.stale_reason
  FROM approval_request a
  JOIN app_user ru ON ru.id = a.requested_by
  LEFT JOIN app_user du ON du.id = a.decided_by
  LEFT JOIN sku s ON s.id = a.sku_id`;

function toView(row: ApprovalRow): ApprovalView {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    sku: row.sku,
    qty: row.qty,
    amount: row.amount,
    summary: row.payload.summary,
    reason: row.reason,
    requestedBy: { id: row.requested_by, name: row.requester_name },
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decider_name ?? "" } : null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
    eventSeq: row.event_seq === null ? null : Number(row.event_seq),
    eventGroup: row.event_group,
    legs: (row.payload.plan?.legs ?? []).map(({ from, to, qty }) => ({ from: end(from), to: end(to), qty })),
    staleReason: row.stale_reason,
    permission: decisionPermission(row.type, reversesType(row)) ?? null,
  };
}

const reversesType = (row: ApprovalRow) => row.payload.plan?.data.reversesType as string | undefined;

const end = (p: LegEnd): LegEnd => ({ location: p.location, state: p.state, bin: p.bin, doc: p.doc });

/** Dates become ISO strings so the stored payload parses back into the same input. */
function serialise(input: EventInput): Record<string, unknown> {
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}

/** Stores a request with the plan it shows, so that approving posts exactly that. */
export async function createApproval(tx: Db, actor: { id: string }, args: { input: EventInput; sku: SkuRef; plan: Plan; at?: Date }): Promise<ApprovalView> {
  const { plan } = args;
  if (!plan.approval) throw new Error("createApproval: the plan needs no approval");
  if (plan.document) throw new Error("createApproval: events that open documents are never approved");
  const stored: StoredPlan = { type: plan.type, legs: plan.legs, data: plan.data };
  const payload = { input: serialise(args.input), summary: plan.approval.summary, plan: stored };
  const rows = await tx.query<{ id: string }>(sql`
    INSERT INTO approval_request (type, sku_id, requested_by, requested_at, reason, qty, amount, payload)
    VALUES (${plan.type}, ${args.sku.id}::uuid, ${actor.id}::uuid, ${args.at ?? new Date()}, ${"reason" in args.input ? (args.input.reason ?? null) : null},
            ${plan.approval.qty}, ${plan.approval.amount}::numeric, ${JSON.stringify(payload)}::jsonb)
    RETURNING id::text`);
  return (await findApproval(tx, rows[0].id, false))!;
}

export async function findApproval(tx: Db, id: string, forUpdate: boolean): Promise<ApprovalView | null> {
  const row = await loadRow(tx, id, forUpdate);
  return row ? toView(row) : null;
}

async function loadRow(tx: Db, id: string, forUpdate: boolean): Promise<ApprovalRow | null> {
  if (!isUuid(id)) return null;
  const lock = forUpdate ? sql`FOR UPDATE OF a` : empty;
  const rows = await tx.query<ApprovalRow>(sql`${SELECT_APPROVAL} WHERE a.id = ${id}::uuid ${lock}`);
  return rows[0] ?? null;
}

export async function listApprovals(tx: Db, filter: { status?: ApprovalView["status"]; limit?: number } = {}): Promise<ApprovalView[]> {
  const where = filter.status ? sql`WHERE a.status = ${filter.status}::"ApprovalStatus"` : empty;
  const rows = await tx.query<ApprovalRow>(sql`${SELECT_APPROVAL} ${where} ORDER BY a.requested_at DESC LIMIT ${filter.limit ?? 100}`);
  return rows.map(toView);
}

/**
 * Checks that `actor` may decide the request (pending, not their own, holding the
 * owning role) and returns what the requester asked for, locked for the decision.
 */
export async function lockForDecision(tx: Db, actor: { id: string; role: Role }, id: string) {
  const row = await loadRow(tx, id, true);
  if (!row) throw new DomainError("not_found", `There is no approval request ${id}.`);
  if (row.status !== "pending") throw new DomainError("approval_not_pending", `This request was already ${row.status}.`);
  const permission = decisionPermission(row.type, reversesType(row));
  if (row.requested_by === actor.id) {
    throw new DomainError("self_approval", "You cannot decide your own request: another person holding the owning role must.");
  }
  if (!permission || !can(actor.role, permission)) {
    throw new DomainError("forbidden", `Deciding a '${row.type}' request needs the ${permission ?? "owning"} permission.`);
  }
  const input = EventInputSchema.parse(row.payload.input);
  const requesterRole = row.requester_role;
  if (!isRole(requesterRole)) throw new Error("requester has no role");
  const plan: Plan | null = row.payload.plan ? { ...row.payload.plan } : null;
  return { input, requester: { id: row.requested_by, role: requesterRole }, plan };
}

export async function recordDecision(
  tx: Db,
  id: string,
  decision: { status: "approved" | "rejected"; deciderId: string; note?: string; eventSeq?: number; eventGroup?: string; at?: Date },
): Promise<ApprovalView> {
  await tx.query(sql`
    UPDATE approval_request SET status = ${decision.status}::"ApprovalStatus", decided_by = ${decision.deciderId}::uuid,
      decided_at = ${decision.at ?? new Date()}, decision_note = ${decision.note ?? null}, event_seq = ${decision.eventSeq ?? null},
      event_group = ${decision.eventGroup ?? null}::uuid, stale_reason = NULL
    WHERE id = ${id}::uuid`);
  return (await findApproval(tx, id, false))!;
}

/** Keeps why an approval could not post, on the still-pending request. */
export async function recordStale(tx: Db, id: string, reason: string): Promise<void> {
  await tx.query(sql`UPDATE approval_request SET stale_reason = ${reason} WHERE id = ${id}::uuid AND status = 'pending'`);
}
