import "server-only";
import type { z } from "zod";
import { isDomainError, type ErrorCode } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/event-input";
import { unstorable } from "@/lib/domain/nul";
import { can, type Permission } from "@/lib/domain/roles";
import { currentUser, type CurrentUser } from "@/lib/server/session";
import { databaseOutage } from "@/lib/server/api/problem";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "internal" | "unavailable"; message: string; fields?: Record<string, string[]> };

type ActionDefinition<S extends z.ZodType, T> = {
  schema: S;
  /** Checked before anything runs; `null` means the action checks finer rules itself (approvals). */
  permission: Permission | null;
  run: (input: z.infer<S>, user: CurrentUser) => Promise<T>;
  /** Paths whose server-rendered data the action changes. */
  revalidate?: (input: z.infer<S>) => string[];
};

/**
 * The one path for every server action: parse → authorise → run (each `run`
 * opens its own transaction) → revalidate. Expected failures come back as data
 * with a stable code, a database that cannot serve (down, connection lost, out of
 * resources) as `unavailable` with when to try again; anything else is logged and
 * shown as a generic message.
 */
export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      return await perform(definition, raw);
    } catch (error) {
      if (isDomainError(error)) return { ok: false, code: error.code, message: error.message, fields: error.fields };
      const outage = databaseOutage(error);
      if (outage) {
        console.warn(`[action] database unavailable (${outage.cause})`);
        return { ok: false, code: "unavailable", message: `The database is unavailable right now, so this may not have been saved. Try again in ${outage.retryAfter} seconds.` };
      }
      console.error("[action] unexpected error", error);
      return { ok: false, code: "internal", message: "Something went wrong; nothing was changed. Try again." };
    }
  };
}

/** Session → permission → input → run → revalidate; an expected refusal is returned, anything else thrown. */
async function perform<S extends z.ZodType, T>(definition: ActionDefinition<S, T>, raw: unknown): Promise<ActionResult<T>> {
  const user = await currentUser();
  if (!user) return { ok: false, code: "unauthenticated", message: "Your session has ended; sign in again." };
  if (definition.permission && !can(user.role, definition.permission)) {
    return { ok: false, code: "forbidden", message: `The ${user.role} role may not do this.` };
  }
  const flawed = unstorable(raw);
  if (flawed) return { ok: false, code: "invalid_input", message: flawed.detail, fields: { [flawed.path]: [flawed.field] } };
  const parsed = definition.schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, code: "invalid_input", message: "Some fields need attention.", fields: fieldErrors(parsed.error) };
  }
  const data = await definition.run(parsed.data, user);
  if (definition.revalidate) {
    const { revalidatePath } = await import("next/cache");
    for (const path of definition.revalidate(parsed.data)) revalidatePath(path);
  }
  return { ok: true, data };
}
