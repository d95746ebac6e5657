// Units coming in: purchase orders, receipts, inspection, returns to vendor and transfers between our sites.
import { DomainError } from "../errors.ts";
import { position, sumQty } from "../positions.ts";
import { type State } from "../states.ts";
import { moveAll, requirePo, simpleStep, takeFrom, where } from "./steps.ts";
import type { Planner } from "./types.ts";

export const INBOUND_PLANNERS: { [T in "po.confirm" | "po.ship" | "receive" | "inspect" | "vendor.return" | "transfer.ship" | "transfer.receive"]: Planner<T> } = {
  "po.confirm": (input, ctx) => {
    if (ctx.po) throw new DomainError("conflict", `PO ${input.reference} already has a line for this SKU; use another PO reference.`);
    return {
      type: input.type,
      legs: [{ from: position(input.location, "SUPPLIER"), to: position(input.location, "ON_ORDER", { doc: input.reference }), qty: input.qty }],
      data: { unitCost: input.unitCost, eta: input.eta.toISOString(), fob: input.fob, supplier: input.supplier },
      document: { kind: "po", ref: input.reference, location: input.location, eta: input.eta, fob: input.fob, unitCost: input.unitCost, party: input.supplier },
    };
  },
  "po.ship": (input, ctx) => {
    requirePo(ctx, input.reference, input.location);
    const sources = takeFrom(ctx, { location: input.location, state: "ON_ORDER", doc: input.reference }, input.qty, `PO ${input.reference}`);
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, "INBOUND_TRANSIT", { doc: input.reference })),
      data: input.eta ? { eta: input.eta.toISOString() } : {},
    };
  },
  receive: (input, ctx) => {
    const po = requirePo(ctx, input.reference, input.location);
    const inTransit = sumQty(ctx.balances, { location: input.location, state: "INBOUND_TRANSIT", doc: input.reference });
    const fromTransit = Math.min(inTransit, input.qty);
    const sources = [
      ...(fromTransit > 0 ? takeFrom(ctx, { location: input.location, state: "INBOUND_TRANSIT", doc: input.reference }, fromTransit, `PO ${input.reference}`) : []),
      ...(input.qty > fromTransit
        ? takeFrom(ctx, { location: input.location, state: "ON_ORDER", doc: input.reference }, input.qty - fromTransit, `PO ${input.reference} (open on order)`)
        : []),
    ];
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, "RECEIVING", { bin: input.bin })),
      data: { unitCost: po.unitCost, fob: po.fob },
    };
  },
  inspect: (input, ctx) => {
    const to: State = input.result === "pass" ? "AVAILABLE" : input.result === "reject" ? "REJECTED" : "QUALITY_HOLD";
    return { ...simpleStep("RECEIVING", to)(input, ctx), data: { result: input.result } };
  },
  "vendor.return": simpleStep("REJECTED", "SUPPLIER"),
  "transfer.ship": (input, ctx) => {
    // The pipeline names a transfer that came without an id (post-event.ts), so it can be received by it.
    const ref = input.transfer ?? input.reference;
    if (!ref) throw new DomainError("invalid_input", "A transfer needs its id.", { transfer: ["required (or reference)"] });
    if (input.toLocation === input.location) {
      throw new DomainError("invalid_input", "A transfer goes to another location.", { toLocation: ["must differ from location"] });
    }
    const sources = takeFrom(ctx, { location: input.location, state: "AVAILABLE", bin: input.bin }, input.qty, where(input));
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.toLocation, "TRANSFER_TRANSIT", { doc: ref })),
      data: { transfer: ref, fromLocation: input.location, toLocation: input.toLocation, ...(input.eta ? { eta: input.eta.toISOString() } : {}) },
      document: { kind: "transfer", ref, location: input.toLocation, party: input.location, eta: input.eta },
    };
  },
  "transfer.receive": (input, ctx) => {
    // Without a transfer id, units are taken from whatever is in transit to this location, largest transfer first.
    const ref = input.transfer ?? input.reference;
    const what = ref ? `Transfer ${ref} to ${input.location}` : `Transfers in transit to ${input.location}`;
    const sources = takeFrom(ctx, { location: input.location, state: "TRANSFER_TRANSIT", doc: ref }, input.qty, what);
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, input.toState, { bin: input.bin })),
      data: { transfer: ref ?? [...new Set(sources.map((source) => source.from.doc))].join(", ") },
    };
  },
};
