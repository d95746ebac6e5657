import "server-only";
import { z } from "zod";
import { EventInputSchema } from "@/lib/domain/event-input";
import { ChannelInputSchema, LocationInputSchema, PolicyInputSchema, SkuInputSchema } from "@/lib/domain/catalogue-input";
import { ERROR_STATUS } from "@/lib/domain/errors";
import { ChannelLocationsInputSchema } from "@/lib/server/catalogue/channel-locations";
import { ACCOUNTS } from "@/lib/server/views/finance/types";

// The OpenAPI document is generated from the same zod schemas that parse requests,
// so the contract cannot drift from the code.
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "openapi-3.0" });

const problem = {
  type: "object",
  required: ["type", "title", "status", "detail", "code"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string", enum: [...new Set([...Object.keys(ERROR_STATUS), "unavailable", "internal"])] },
    errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
  },
};

const errors = {
  "400": { $ref: "#/components/responses/Problem" },
  "401": { $ref: "#/components/responses/Problem" },
  "403": { $ref: "#/components/responses/Problem" },
  "404": { $ref: "#/components/responses/Problem" },
  "409": { $ref: "#/components/responses/Problem" },
  "422": { $ref: "#/components/responses/Problem" },
  // The database cannot serve right now: retry after `Retry-After` seconds with the same Idempotency-Key.
  "503": { $ref: "#/components/responses/Unavailable" },
};

const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const channelParam = { name: "channel", in: "path", required: true, schema: { type: "string" } };
const skuParam = { name: "sku", in: "path", required: true, schema: { type: "string" } };
const asOfParam = { name: "asOf", in: "query", required: false, schema: { type: "string", format: "date-time" }, description: "Business time to answer as of" };

const rangeParams = [
  { name: "from", in: "query", description: "from this day or moment (included)", schema: { type: "string" } },
  { name: "to", in: "query", description: "up to this day or moment (included)", schema: { type: "string" } },
  { name: "sku", in: "query", schema: { type: "string" } },
];
const accountParam = { name: "account", in: "query", schema: { type: "string", enum: [...ACCOUNTS] } };

export function openApiDocument() {
  return {
    openapi: "3.0.3",
    info: {
      title: "Concord inventory API",
      version: "1",
      description: "One ledger of unit movements, three views. Quantities are integers; money is a decimal string; times are ISO 8601 with offset.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths: {
      "/events": {
        post: {
          summary: "Post one event (a unit movement or a memo)",
          description:
            "One request is one event group: `events` lists every ledger row it wrote (one per bin it spans), each carrying `group`. " +
            "`reverse` undoes a whole group (`reverses`: any row's seq, or the group id), once, under the same rules as any event. " +
            "An event may be dated in the past (within an open period) but not in the future; a back-dated event that it, or a later " +
            "event, would leave a position negative at some moment is refused with `history_conflict`.",
          parameters: [{ name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", maxLength: 200 } }],
          requestBody: body("EventInput"),
          responses: { "201": ok("Posted: { event, events, group, balances }"), "202": ok("Needs approval: { approval }"), ...errors },
        },
      },
      "/events/batch": {
        post: {
          summary: "Post up to 1,000 events, all or nothing",
          description:
            "`{ events: [...] }`, each event as for `POST /events`, under one `Idempotency-Key` (the same key with the same body replays the stored answer; " +
            "with another body, `idempotency_conflict`). Every event is parsed and its type authorised for the caller's role before any work; then all post " +
            "in one transaction through the same pipeline as single events, each seeing the ones before it on its SKU. `201` `{ results }` holds each event's " +
            "answer in order, in the single event's shape: `{ event, events, group, balances }`, or `{ approval }` for an event that needs approval (the request " +
            "is recorded with the batch). If any event is refused nothing is written, and the answer is that event's problem+json with `index` (the first refused " +
            "event) and field errors under `events[i]`. An empty list or more than 1,000 events is `400`; a `period.close` must be posted alone (`400`); a body " +
            "over 4 MiB is `413`.",
          parameters: [{ name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", maxLength: 200 } }],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "object", required: ["events"], additionalProperties: false, properties: { events: { type: "array", minItems: 1, maxItems: 1000, items: { $ref: "#/components/schemas/EventInput" } } } },
              },
            },
          },
          responses: { "201": ok("{ results: [{ event, events, group, balances } | { approval }] }, in the order of `events`"), ...errors, "413": { $ref: "#/components/responses/Problem" } },
        },
      },
      "/approvals": { get: { summary: "List approval requests", parameters: [{ name: "status", in: "query", schema: { type: "string", enum: ["pending", "approved", "rejected"] } }], responses: { "200": ok("{ approvals }"), ...errors } } },
      "/approvals/{id}/approve": {
        post: {
          summary: "Approve (not by the requester); posts exactly the legs the request shows",
          description: "When those legs no longer fit (stock moved since the request), the decision is refused with `approval_stale`, nothing is posted, and the request keeps the reason in `staleReason`.",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { "201": ok("{ approval, event, events, group, balances }"), ...errors },
        },
      },
      "/approvals/{id}/reject": { post: { summary: "Reject (not by the requester)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }], responses: { "200": ok("{ approval }"), ...errors } } },
      "/skus": { get: { summary: "List SKUs", responses: { "200": ok("{ skus }"), ...errors } }, post: { summary: "Create a SKU (admin)", requestBody: body("SkuInput"), responses: { "201": ok("{ sku }"), ...errors } } },
      "/locations": { get: { summary: "List locations with bins", responses: { "200": ok("{ locations }"), ...errors } }, post: { summary: "Create a location (admin)", requestBody: body("LocationInput"), responses: { "201": ok("{ location }"), ...errors } } },
      "/channels": { get: { summary: "List sales channels", responses: { "200": ok("{ channels }"), ...errors } }, post: { summary: "Create a channel (admin)", requestBody: body("ChannelInput"), responses: { "201": ok("{ channel }"), ...errors } } },
      "/channels/{channel}/locations": {
        get: { summary: "The locations that serve a channel (an empty list: every location)", parameters: [channelParam], responses: { "200": ok("{ channel, name, locations }"), ...errors } },
        put: { summary: "Replace the locations that serve a channel (admin); [] lets every location serve it", parameters: [channelParam], requestBody: body("ChannelLocationsInput"), responses: { "200": ok("{ channel, name, locations }"), ...errors } },
      },
      "/skus/{sku}/policy": { put: { summary: "Set the SKU × location policy (admin)", parameters: [skuParam], requestBody: body("PolicyInput"), responses: { "200": ok("{ policy }"), ...errors } } },
      "/skus/{sku}/sales": {
        get: {
          summary: "What can be promised on a channel: ATP now (per location and for the channel), the dated curve, incoming, and the earliest date for a quantity",
          parameters: [
            skuParam,
            { name: "channel", in: "query", required: true, schema: { type: "string" } },
            { name: "location", in: "query", description: "only this location (it must serve the channel)", schema: { type: "string" } },
            { name: "date", in: "query", description: "also answer ATP on this day (YYYY-MM-DD)", schema: { type: "string", format: "date" } },
            { name: "qty", in: "query", description: "answer the earliest date for this many units", schema: { type: "integer", minimum: 1 } },
            asOfParam,
          ],
          responses: { "200": ok("{ sellable, committed, atp (signed: a shortfall is negative), promisable (Σ of each location's ATP above zero), shortfall (Σ of the negative ones), safetyStock, fences, incoming: [{ date, qty, ref, location, overdue }], curve (signed ATP by date), promisableCurve (promisable by date, as the screens draw it), locations, reservations, atpOn?, promise?: { qty, earliestDate, location, missing } }"), ...errors },
        },
      },
      "/skus/{sku}/demand": {
        get: {
          summary: "Weekly demand on a channel (reserved, shipped, refused), the 8-week forecast with its method and hold-out error, days of cover and a reorder suggestion",
          parameters: [skuParam, { name: "channel", in: "query", required: true, schema: { type: "string" } }],
          responses: { "200": ok("{ weeks, forecast, method, error, weeklyForecast, daysOfCover, leadTimeDays, reorder }"), ...errors },
        },
      },
      "/skus/{sku}/warehouse": {
        get: {
          summary: "Physical truth per location and bin, for the locations where the SKU has stock at that moment",
          parameters: [skuParam, { name: "location", in: "query", description: "only this location, listed even when empty", schema: { type: "string" } }, asOfParam],
          responses: { "200": ok("{ sku, asOf, asOfEvent, onHand, usable, locations }"), ...errors },
        },
      },
      "/skus/{sku}/finance": {
        get: {
          summary: "The valued asset (finance.read): owned units, value and unit cost, the cost layers, goods owned in transit, GRNI, returns pending inspection, damage pending write-off, and value per location",
          parameters: [skuParam, asOfParam],
          responses: { "200": ok("{ sku, name, method, asOf, owned, value, unitCost, standardCost, layers: [{ qty, unitCost, value, receivedAt, seq }], ownedByState, pool, inTransitOwned: { inbound, transfer, outbound }, grni, shippedNotInvoiced, returnsPendingInspection, pendingWriteOff, locations }"), ...errors },
        },
      },
      "/skus/{sku}/reconciliation": {
        get: {
          summary: "The three identities of the model (reconciliation.read, every role): on hand − ATP per channel, owned − on hand, journal − cost layers; per location and for the company, each with buckets (qty or value, the ids of the events behind them) and the unexplained remainder (zero unless something is wrong); timing gaps with their age; closed period ends",
          parameters: [skuParam, asOfParam],
          responses: { "200": ok("{ sku, asOf, identities: [{ name, location, channel, left, right, buckets: [{ bucket, qty | value, events: [ids], eventCount }], unexplained }], gaps: [{ kind, location, doc, qty, value, since, ageDays, events }], periods: [{ period, end, stored, asOf, unexplained }] }"), ...errors },
        },
      },
      "/skus/{sku}/trace": {
        get: {
          summary: "The SKU's event groups in posting order (trace.read, every role), 50 a page: actor, time, reference, approval, reversal links, legs and journal lines, each one's effect on the warehouse (onHand, usable), sales (committed, available, incoming) and finance (owned, value) views and the numbers after it",
          parameters: [skuParam,
            { name: "reference", in: "query", description: "one document: a PO, order line, RMA or transfer (and an RMA returned from that order line)", schema: { type: "string" } },
            { name: "from", in: "query", description: "a day (included) or an ISO time", schema: { type: "string" } },
            { name: "to", in: "query", description: "a day (included) or an ISO time (included)", schema: { type: "string" } },
            { name: "after", in: "query", description: "cursor: groups whose first seq is after this one (the previous page's `next`)", schema: { type: "integer", minimum: 0 } },
            { name: "before", in: "query", description: "cursor: groups whose first seq is before this one (the page's `previous`)", schema: { type: "integer", minimum: 0 } }],
          responses: { "200": ok("{ sku, name, filter, entries: [{ group, seq, type, label, occurredAt, recordedAt, actor, reference, reason, documents, data, approval, reverses, reversedBy, legs, journal, effect, after }], next, previous }"), ...errors },
        },
      },
      "/journal": {
        get: {
          summary: "Journal lines (finance.read), in business-time order. With `Accept: text/csv`, every matching line as a CSV download (no paging)",
          parameters: [...rangeParams, accountParam,
            { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
            { name: "limit", in: "query", description: "lines per page (default 50)", schema: { type: "integer", minimum: 1, maximum: 500 } }],
          responses: {
            "200": {
              description: "{ lines: [{ id, eventId, seq, group, type, sku, location, account, debit, credit, occurredAt, doc }], total, page, pageCount }; amounts are decimal strings",
              content: { "application/json": { schema: { type: "object" } }, "text/csv": { schema: { type: "string" } } },
            },
            ...errors,
          },
        },
      },
      "/journal/trial-balance": {
        get: {
          summary: "Σ debit, Σ credit and balance (debit − credit) per account over the range (finance.read); balanced when the totals are equal",
          parameters: rangeParams,
          responses: { "200": ok("{ rows: [{ account, debit, credit, balance }], debit, credit, balanced }"), ...errors },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        Problem: { description: "RFC 9457 problem details", content: { "application/problem+json": { schema: problem } } },
        Unavailable: {
          description: "The database cannot serve right now (code `unavailable`): retry after Retry-After seconds with the same Idempotency-Key, which posts at most once",
          headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait before retrying" } },
          content: { "application/problem+json": { schema: problem } },
        },
      },
      schemas: {
        EventInput: schema(EventInputSchema),
        SkuInput: schema(SkuInputSchema),
        LocationInput: schema(LocationInputSchema),
        ChannelInput: schema(ChannelInputSchema),
        ChannelLocationsInput: schema(ChannelLocationsInputSchema),
        PolicyInput: schema(PolicyInputSchema),
      },
    },
  };
}
