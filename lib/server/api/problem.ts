import "server-only";
import { ZodError } from "zod";
import { DomainError, isDomainError } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/event-input";

const TITLES: Record<string, string> = {
  invalid_input: "Invalid input",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  unknown_sku: "Unknown SKU",
  unknown_location: "Unknown location",
  unknown_channel: "Unknown channel",
  unknown_bin: "Unknown bin",
  illegal_transition: "Illegal transition",
  insufficient_quantity: "Insufficient quantity",
  period_closed: "Period closed",
  history_conflict: "Conflicts with later events",
  approval_stale: "Approved moves no longer fit",
  self_approval: "Self-approval refused",
  approval_not_pending: "Approval already decided",
  idempotency_conflict: "Idempotency key reused",
  idempotency_key_required: "Idempotency-Key header required",
  conflict: "Conflict",
  unsupported_media_type: "Unsupported media type",
  payload_too_large: "Payload too large",
  method_not_allowed: "Method not allowed",
  unavailable: "Service unavailable",
  internal: "Internal error",
};

/** RFC 9457 problem details with Concord's stable `code`. */
export function problem(status: number, code: string, detail: string, errors?: Record<string, string[]>, headers: Record<string, string> = {}): Response {
  const body = { type: `https://concord.example/problems/${code}`, title: TITLES[code] ?? code, status, detail, code, ...(errors ? { errors } : {}) };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json", ...headers } });
}

export function problemFromError(error: unknown): Response {
  if (isDomainError(error)) return problem(error.status, error.code, error.message, error.fields);
  if (error instanceof ZodError) return problem(400, "invalid_input", "The request has invalid fields.", fieldErrors(error));
  const outage = databaseOutage(error);
  if (outage) {
    console.warn(`[api] database unavailable (${outage.cause}); answered 503`);
    return problem(
      503,
      "unavailable",
      `The database is unavailable right now, so the request may not have been applied. Retry after ${outage.retryAfter} seconds with the same Idempotency-Key: an event is posted at most once per key.`,
      undefined,
      { "retry-after": String(outage.retryAfter) },
    );
  }
  // Unexpected: log the detail for operators, tell the caller nothing internal.
  console.error("[api] unexpected error", error);
  return problem(500, "internal", "Something went wrong on our side; the request was not applied.");
}

export function toDomainError(error: ZodError): DomainError {
  return new DomainError("invalid_input", "The request has invalid fields.", fieldErrors(error));
}

export type DatabaseOutage = { cause: string; retryAfter: number };

// SQLSTATE classes 08 (connection exception) and 53 (insufficient resources: 53100
// disk_full, 53200 out_of_memory, 53300 too_many_connections), and 57P01–57P03 (the
// server is shutting down, crashed, or is starting up or recovering).
const SQLSTATE_OUTAGE = /^(?:08|53)[0-9A-Z]{3}$|^57P0[123]$/;
const SOCKET_OUTAGE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// The same failures as the Prisma client names them (its own codes, and the kinds of its pg adapter).
const PRISMA_OUTAGE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_OUTAGE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// node-postgres reports a lost or timed-out connection, and a statement unanswered past its
// query_timeout (lib/server/sql.ts), by message only, without a code.
const PG_OUTAGE = /^(?:Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Query read timeout)/;

/**
 * Whether `error` means the database could not serve the request (unreachable, the
 * connection lost, or out of resources) rather than refused it: such a request is
 * worth retrying, and its answer is 503 with a hint of when. The cause is looked
 * for through wrappers (Prisma's driver adapter error, `cause`, AggregateError).
 */
export function databaseOutage(error: unknown): DatabaseOutage | null {
  const seen = new Set<unknown>();
  const visit = (value: unknown): DatabaseOutage | null => {
    if (!value || typeof value !== "object" || seen.has(value) || seen.size > 20) return null;
    seen.add(value);
    const { code, kind, originalCode, message, cause, errors, meta, syscall } = value as Record<string, unknown>;
    // A Unix socket with no server behind it (one stopped cleanly removes its socket file).
    if (code === "ENOENT" && syscall === "connect") return { cause: code, retryAfter: 2 };
    for (const candidate of [code, originalCode]) {
      if (typeof candidate !== "string") continue;
      // Resources (a full disk, no memory, no connection slot) take longer to come back than a connection.
      if (SQLSTATE_OUTAGE.test(candidate)) return { cause: candidate, retryAfter: candidate.startsWith("53") ? 10 : 2 };
      if (SOCKET_OUTAGE.has(candidate) || PRISMA_OUTAGE.has(candidate)) return { cause: candidate, retryAfter: 2 };
    }
    if (typeof kind === "string" && ADAPTER_OUTAGE.has(kind)) return { cause: kind, retryAfter: kind === "TooManyConnections" ? 10 : 2 };
    if (typeof message === "string" && PG_OUTAGE.test(message)) return { cause: message, retryAfter: 2 };
    const nested = [cause, (meta as Record<string, unknown> | undefined)?.driverAdapterError, ...(Array.isArray(errors) ? errors : [])];
    for (const inner of nested) {
      const found = visit(inner);
      if (found) return found;
    }
    return null;
  };
  return visit(error);
}
