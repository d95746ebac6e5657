import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import { assertStorable, NUL_DETAIL, NUL_FIELD } from "@/lib/domain/nul";
import type { Permission } from "@/lib/domain/roles";
import { authenticate, authorize, bearerToken, type ApiActor } from "./auth";
import { assertJsonContentType, assertSameOrigin, isJsonContentType, isWrite } from "./csrf";
import { problem, problemFromError, toDomainError } from "./problem";

type Context<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; actor: ApiActor; params: P; url: URL }) => Promise<Response>;

/**
 * Every v1 route: guard against cross-site writes → authenticate → authorise →
 * run, with one error contract. A write that rests on the session cookie (no
 * bearer token) must carry this app's Origin; every write sends JSON or nothing.
 * `checkTokenLater`: the handler's transaction checks a bearer token (it runs
 * its work through `withTokenCheck`), so the token is not read first.
 */
export function apiRoute<P = Record<string, never>>(permission: Permission | null, handler: Handler<P>, options: { checkTokenLater?: boolean } = {}) {
  // A role remembered with the token may be out of date: such a route authorises in its work, where a refusal is checked again.
  if (options.checkTokenLater && permission) throw new Error("apiRoute: a route that checks its token later authorises in its handler (withTokenCheck)");
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      if (isWrite(request) && bearerToken(request) === null && request.headers.has("cookie")) assertSameOrigin(request);
      const actor = await authenticate(request, { checkLater: options.checkTokenLater });
      if (permission) authorize(actor, permission);
      if (isWrite(request)) assertJsonContentType(request);
      const params = await context.params;
      const url = new URL(request.url);
      assertStorableAddress(params, url);
      return await handler({ request, actor, params, url });
    } catch (error) {
      return problemFromError(error);
    }
  };
}

/**
 * The request's JSON body. Text PostgreSQL cannot store is refused here, unless
 * `storable: false` leaves that to the caller (a batch names the event it is in).
 */
export async function readJson(request: Request, options: { optional?: boolean; storable?: boolean } = {}): Promise<unknown> {
  let text: string;
  try {
    text = await request.text();
  } catch (error) {
    // A client that went away mid-body: nothing was read, so nothing is applied.
    if (error instanceof DomainError) throw error;
    throw new DomainError("invalid_input", "The request body could not be read to its end (the connection closed); nothing was applied.");
  }
  if (!text.trim()) {
    if (options.optional) return {};
    throw new DomainError("invalid_input", "The request body is empty; send a JSON object.");
  }
  // A body without a type is what a cross-site fetch can send without a preflight.
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new DomainError("unsupported_media_type", "Send the body with 'Content-Type: application/json'.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("invalid_input", "The request body is not valid JSON.");
  }
  if (options.storable !== false) assertStorable(value);
  return value;
}

/** Path parameters and the query string must be storable too: a NUL there is bad input, not a database error. */
function assertStorableAddress(params: unknown, url: URL) {
  for (const [name, value] of Object.entries(params ?? {})) {
    if ((Array.isArray(value) ? value : [value]).some((part) => typeof part === "string" && part.includes("\0"))) {
      throw new DomainError("invalid_input", NUL_DETAIL, { [name]: [NUL_FIELD] });
    }
  }
  for (const [name, value] of url.searchParams) {
    if (name.includes("\0") || value.includes("\0")) throw new DomainError("invalid_input", NUL_DETAIL, { [name.replaceAll("\0", "\\0")]: [NUL_FIELD] });
  }
}

/**
 * A path segment as the caller meant it. Next.js hands route handlers their
 * params already decoded, except for what it keeps encoded (such as `%2F`);
 * a second decode of what is left must not throw on a literal `%`.
 */
export function pathParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A route's answer to a method it does not serve: 405 problem+json naming the ones it does. */
export function methodNotAllowed(...allowed: string[]) {
  return (request: Request): Response =>
    problem(405, "method_not_allowed", `${request.method} is not served here; use ${allowed.join(" or ")}.`, undefined, { allow: allowed.join(", ") });
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw toDomainError(parsed.error);
  return parsed.data;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonText(JSON.stringify(body), status, headers);
}

/**
 * A JSON answer already serialised (an idempotent answer as it was stored). An
 * answer of a few kilobytes (an event's) is sent as it is: a gzip stream per answer
 * costs the server more than the bytes it saves.
 */
export function jsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  const small: Record<string, string> = text.length < SMALL_ANSWER ? { "cache-control": "no-transform" } : {};
  return new Response(text, { status, headers: { "content-type": "application/json", ...small, ...headers } });
}

const SMALL_ANSWER = 8 * 1024;

/**
 * A batch's answer as it was stored, its text sent uncompressed: gzipping a megabyte
 * (Next compresses at zlib's default level) costs the server more per batch than
 * sending it takes on a near network, while the batch's locks are long released.
 */
export function storedJson(text: string, status: number, headers: Record<string, string> = {}): Response {
  return jsonText(text, status, { "cache-control": "no-transform", ...headers });
}

export function idempotencyKey(request: Request): string {
  const key = request.headers.get("idempotency-key")?.trim();
  if (!key) throw new DomainError("idempotency_key_required", "Send an Idempotency-Key header with every POST that creates an event.");
  if (key.length > 200) throw new DomainError("invalid_input", "The Idempotency-Key is longer than 200 characters.");
  return key;
}
