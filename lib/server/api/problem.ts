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
  // Unexpected: log the detail for operators, tell the caller nothing internal.
  console.error("[api] unexpected error", error);
  return problem(500, "internal", "Something went wrong on our side; the request was not applied.");
}

export function toDomainError(error: ZodError): DomainError {
  return new DomainError("invalid_input", "The request has invalid fields.", fieldErrors(error));
}
