import { z } from "zod";
import { apiRoute, json, methodNotAllowed, parseWith, pathParam } from "@/lib/server/api/handler";
import { asOfParam, dayParam } from "@/lib/server/api/query";
import { salesSku } from "@/lib/server/views/sales";
import { sumCurves } from "@/lib/domain/sales/availability";

const QuerySchema = z.object({
  channel: z.string({ error: "required" }).trim().min(1, "required"),
  location: z.string().trim().min(1).optional(),
  asOf: asOfParam.optional(),
  date: dayParam.optional(),
  qty: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").positive("must be greater than zero").max(1_000_000).optional(),
});

/** GET /api/v1/skus/{sku}/sales — what can be promised on a channel, now and by date (api.md "Views"). */
export const GET = apiRoute<{ sku: string }>("balances.read", async ({ params, url }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(url.searchParams));
  const view = await salesSku(pathParam(params.sku), query);
  const { channels: _channels, ...rest } = view;
  // The model's ATP of the serving locations taken together: signed, a shortfall
  // included (inventory-model §4, identity 1). `promisable` is what can be promised
  // without borrowing one location's stock for another: the screens' figure.
  const atp = view.availability.atp + view.availability.shortfall;
  const curve = sumCurves(view.locations.map((location) => location.curve), view.today, { signed: true });
  const atDate = query.date ? (curve.filter((point) => point.date <= query.date!).at(-1)?.atp ?? atp) : undefined;
  return json({
    ...rest,
    curve,
    promisableCurve: view.curve,
    sellable: view.availability.sellable,
    committed: view.availability.committed,
    atp,
    promisable: view.availability.atp,
    shortfall: view.availability.shortfall,
    safetyStock: view.availability.safetyStock,
    fences: view.locations.flatMap((l) => l.fences.map((fence) => ({ location: l.location, ...fence }))),
    incoming: view.availability.incoming.map((item) => ({ date: item.availableOn, qty: item.qty, ref: item.ref, location: item.location, overdue: item.overdue })),
    ...(query.date ? { atpOn: { date: query.date, atp: atDate } } : {}),
    promise: view.promise
      ? { qty: view.promise.qty, earliestDate: view.promise.best?.date ?? null, location: view.promise.best?.location ?? null, missing: view.promise.missing, detail: view.promise }
      : undefined,
  });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
