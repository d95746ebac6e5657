// The one error contract: an expected failure carries a stable code, an HTTP
// status and a message a person can act on. Anything else is unexpected.
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unknown_sku: 404,
  unknown_location: 404,
  unknown_channel: 404,
  unknown_bin: 404,
  illegal_transition: 422,
  insufficient_quantity: 409,
  atp_exceeded: 409,
  period_closed: 409,
  history_conflict: 409,
  approval_stale: 409,
  approval_required: 202,
  self_approval: 403,
  approval_not_pending: 409,
  idempotency_conflict: 409,
  idempotency_key_required: 400,
  conflict: 409,
  unsupported_media_type: 415,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string[]>;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
