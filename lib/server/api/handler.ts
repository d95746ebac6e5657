import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import type { Permission } from "@/lib/domain/roles";
import { authenticate, authorize, bearerToken, type ApiActor } from "./auth";
import { assertJsonContentType, assertSameOrigin, isJsonContentType, isWrite } from "./csrf";
import { problemFromError, toDomainError } from "./problem";

type Context<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; actor: ApiActor; params: P; url: URL }) => Promise<Response>;

/**
 * Every v1 route: guard against cross-site writes → authenticate → authorise →
 * run, with one error contract. A write that rests on the session cookie (no
 * bearer token) must carry this app's Origin; every write sends JSON or nothing.
 */
export function apiRoute<P = Record<string, never>>(permission: Permission | null, handler: Handler<P>) {
  return async (request: Request, context: Context<P>): Promise<Response> => {
    try {
      if (isWrite(request) && bearerToken(request) === null && request.headers.has("cookie")) assertSameOrigin(request);
      const actor = await authenticate(request);
      if (permission) authorize(actor, permission);
      if (isWrite(request)) assertJsonContentType(request);
      return await handler({ request, actor, params: await context.params, url: new URL(request.url) });
    } catch (error) {
      return problemFromError(error);
    }
  };
}

export async function readJson(request: Request, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) {
    if (options.optional) return {};
    throw new DomainError("invalid_input", "The request body is empty; send a JSON object.");
  }
  // A body without a type is what a cross-site fetch can send without a preflight.
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new DomainError("unsupported_media_type", "Send the body with 'Content-Type: application/json'.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("invalid_input", "The request body is not valid JSON.");
  }
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw toDomainError(parsed.error);
  return parsed.data;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function idempotencyKey(request: Request): string {
  const key = request.headers.get("idempotency-key")?.trim();
  if (!key) throw new DomainError("idempotency_key_required", "Send an Idempotency-Key header with every POST that creates an event.");
  if (key.length > 200) throw new DomainError("invalid_input", "The Idempotency-Key is longer than 200 characters.");
  return key;
}
