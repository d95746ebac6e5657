"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isDomainError } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/event-input";
import { unstorable } from "@/lib/domain/nul";
import { can } from "@/lib/domain/roles";
import { refusalInWords } from "@/lib/domain/sales/availability";
import { parseEvent } from "@/lib/server/ledger/parse-event";
import { submitEvent } from "@/lib/server/ledger/service";
import { currentUser, type CurrentUser } from "@/lib/server/session";
import { databaseOutage } from "@/lib/server/api/problem";
import { CHANNEL_COOKIE, salesSku } from "@/lib/server/views/sales";

export type OrderFormState = {
  ok: boolean;
  /** `unavailable`: the database could not serve; the form keeps its key so a retry posts at most once. */
  code?: "unavailable";
  message: string;
  fields?: Record<string, string[]>;
  reserved?: { orderLine: string; location: string; qty: number; group: string };
} | null;

const code = z.string().trim().min(1, "required").max(64);
const key = z.string().min(8).max(200);
const qty = z.coerce.number({ error: "enter a whole number" }).int("enter a whole number").positive("must be at least 1").max(1_000_000);

const ConfirmSchema = z.object({ sku: code, channel: code, qty, orderLine: code, location: code, idempotencyKey: key });
const ReleaseSchema = z.object({ sku: code, orderLine: code, location: code, qty, idempotencyKey: key });

type Parsed<S extends z.ZodType> = { user: CurrentUser; input: z.infer<S> } | { state: OrderFormState };

/** The form's path: signed in → may take orders → fields parse. Failures come back as the form's state. */
async function prepare<S extends z.ZodType>(schema: S, form: FormData): Promise<Parsed<S>> {
  const user = await currentUser();
  if (!user) return { state: { ok: false, message: "Your session has ended; sign in again." } };
  if (!can(user.role, "order.write")) return { state: { ok: false, message: `The ${user.role} role does not take orders.` } };
  const raw = Object.fromEntries(form);
  const flawed = unstorable(raw);
  if (flawed) return { state: { ok: false, message: flawed.detail, fields: { [flawed.path]: [flawed.field] } } };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { state: { ok: false, message: "Check the highlighted fields.", fields: fieldErrors(parsed.error) } };
  return { user, input: parsed.data };
}

function failed(error: unknown): OrderFormState {
  if (isDomainError(error)) return { ok: false, message: error.message, fields: error.fields };
  const outage = databaseOutage(error);
  if (outage) {
    return { ok: false, code: "unavailable", message: `The database is unavailable right now, so this may not have been saved. Try again in ${outage.retryAfter} seconds.` };
  }
  console.error("[sales] unexpected error", error);
  return { ok: false, message: "Something went wrong; nothing was reserved. Try again." };
}

/**
 * Confirms an order line: reserves its units on the channel at the chosen location,
 * or at the location that can serve it today ("best"). A refusal says how many can
 * be promised today and when the rest can.
 */
export async function confirmOrderLineAction(_previous: OrderFormState, form: FormData): Promise<OrderFormState> {
  const prepared = await prepare(ConfirmSchema, form);
  if ("state" in prepared) return prepared.state;
  const { user, input } = prepared;
  try {
    const view = await salesSku(input.sku, { channel: input.channel, qty: input.qty, location: input.location === "best" ? undefined : input.location });
    const promised = view.promise!;
    const location = input.location === "best" ? (promised.best?.date === view.today ? promised.best.location : null) : input.location;
    if (!location) return { ok: false, message: refusalInWords(promised, view.horizonDays), fields: { qty: ["more than can be promised today"] } };
    const body = { type: "reserve", sku: view.sku.code, qty: input.qty, location, channel: input.channel, orderLine: input.orderLine };
    const result = await submitEvent(user, parseEvent(body), `ui:${input.idempotencyKey}`, body);
    revalidatePath("/sales", "layout");
    if (!("group" in result.body)) return { ok: false, message: "The reservation is waiting for approval." };
    return {
      ok: true,
      message: `Reserved ${input.qty} of ${view.sku.code} on ${input.channel} at ${location} for order line ${input.orderLine}.`,
      reserved: { orderLine: input.orderLine, location, qty: input.qty, group: result.body.group },
    };
  } catch (error) {
    if (isDomainError(error) && error.code === "insufficient_quantity") {
      const view = await salesSku(input.sku, { channel: input.channel, qty: input.qty }).catch(() => null);
      if (view?.promise) return { ok: false, message: refusalInWords(view.promise, view.horizonDays), fields: { qty: ["more than can be promised today"] } };
    }
    return failed(error);
  }
}

/** Releases units of an order line back to AVAILABLE. */
export async function releaseOrderLineAction(_previous: OrderFormState, form: FormData): Promise<OrderFormState> {
  const prepared = await prepare(ReleaseSchema, form);
  if ("state" in prepared) return prepared.state;
  const { user, input } = prepared;
  const body = { type: "release", sku: input.sku, qty: input.qty, location: input.location, orderLine: input.orderLine };
  try {
    await submitEvent(user, parseEvent(body), `ui:${input.idempotencyKey}`, body);
    revalidatePath("/sales", "layout");
    return { ok: true, message: `Released ${input.qty} from order line ${input.orderLine}.` };
  } catch (error) {
    return failed(error);
  }
}

/** Remembers the rep's channel for the next visit (a year; it is a preference, not a secret). */
export async function chooseChannelAction(channel: string): Promise<void> {
  const user = await currentUser();
  if (!user || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(channel)) return;
  (await cookies()).set(CHANNEL_COOKIE, channel, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 86_400 });
}
