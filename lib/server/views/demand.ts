import "server-only";
import { db as pooled, sql, type Db } from "@/lib/server/sql";
import { dayOf } from "@/lib/domain/periods";
import { addDays, weekOf } from "@/lib/domain/sales/days";
import {
  asked, daysOfCover, FORECAST_METHOD, holdoutError, holt, reorderSuggestion, type ForecastError, type Reorder, type WeekDemand,
} from "@/lib/domain/sales/forecast";
import { channelId, findSku, loadRefs } from "@/lib/server/ledger/refs";
import { salesSku } from "./sales";

export type DemandView = {
  sku: string;
  channel: string;
  /** Complete weeks of history, Monday first: units reserved, shipped, and reservations refused for want of stock. */
  weeks: WeekDemand[];
  forecast: { week: string; qty: number }[];
  method: { name: string; description: string };
  error: ForecastError | null;
  weeklyForecast: number;
  daysOfCover: number | null;
  leadTimeDays: number;
  reorder: Reorder | null;
};

const FORECAST_WEEKS = 8;
const DEFAULT_LEAD_TIME_DAYS = 14;

/** Weekly demand on a channel from the ledger's history, the forecast it gives, cover and a reorder suggestion. */
export async function demandView(skuCode: string, args: { channel: string }, db: Db = pooled): Promise<DemandView> {
  const sku = await findSku(db, skuCode);
  const refs = await loadRefs(db, { channels: [args.channel] });
  const channel = channelId(refs, args.channel);
  const today = dayOf(new Date());
  const thisWeek = weekOf(today);
  const [rows, lead, sales] = await Promise.all([
    db.query<{ week: string; reserved: number; shipped: number; refused: number }>(sql`
      WITH moves AS (
        SELECT e.occurred_at, e.type, e.qty,
               coalesce(e.channel_id, (SELECT id FROM channel WHERE code = e.data->>'channel')) AS channel_id,
               EXISTS (SELECT 1 FROM reversal r WHERE r.group_id = e.group_id) AS reversed
          FROM ledger_event e
         WHERE e.sku_id = ${sku.id}::uuid AND e.type IN ('reserve', 'ship', 'dropship')
      ), weekly AS (
        SELECT date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date AS week,
               sum(qty) FILTER (WHERE type = 'reserve') AS reserved,
               sum(qty) FILTER (WHERE type IN ('ship', 'dropship')) AS shipped,
               0 AS refused
          FROM moves WHERE channel_id = ${channel}::uuid AND NOT reversed GROUP BY 1
        UNION ALL
        SELECT date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date, 0, 0, sum(qty)
          FROM demand_refusal WHERE sku_id = ${sku.id}::uuid AND channel_id = ${channel}::uuid GROUP BY 1
      )
      SELECT to_char(week, 'YYYY-MM-DD') AS week, coalesce(sum(reserved), 0)::int AS reserved, coalesce(sum(shipped), 0)::int AS shipped,
             coalesce(sum(refused), 0)::int AS refused
        FROM weekly GROUP BY week ORDER BY week`),
    // The supplier lead time: from confirming a PO to its first receipt, on this SKU's POs.
    db.query<{ days: number | null }>(sql`
      SELECT avg(extract(epoch FROM r.first - c.occurred_at) / 86400)::float AS days
        FROM ledger_event c
        JOIN LATERAL (SELECT min(occurred_at) AS first FROM ledger_event
                       WHERE sku_id = c.sku_id AND type = 'receive' AND reference = c.reference) r ON r.first IS NOT NULL
       WHERE c.sku_id = ${sku.id}::uuid AND c.type = 'po.confirm'`),
    salesSku(sku.code, { channel: args.channel }, db),
  ]);
  const weeks = fillWeeks(rows, thisWeek);
  const series = weeks.map(asked);
  const forecast = holt(series, FORECAST_WEEKS);
  const weeklyForecast = forecast[0] ?? 0;
  const leadTimeDays = Math.max(1, Math.round(lead[0]?.days ?? DEFAULT_LEAD_TIME_DAYS));
  const incoming = sales.availability.incoming.filter((item) => !item.overdue && item.availableOn !== null).reduce((total, item) => total + item.qty, 0);
  return {
    sku: sku.code,
    channel: args.channel,
    weeks,
    forecast: forecast.map((qty, i) => ({ week: addDays(thisWeek, 7 * i), qty: Math.round(qty * 10) / 10 })),
    method: { name: FORECAST_METHOD.name, description: FORECAST_METHOD.description },
    error: holdoutError(series),
    weeklyForecast: Math.round(weeklyForecast * 10) / 10,
    daysOfCover: daysOfCover(sales.availability.atp, weeklyForecast),
    leadTimeDays,
    reorder: reorderSuggestion({
      today,
      atp: sales.availability.atp,
      incoming,
      weeklyForecast,
      leadTimeDays,
      safetyStock: sales.availability.safetyStock,
    }),
  };
}

/** Every complete week from the first with demand to the one before `thisWeek`, zeros included. */
function fillWeeks(rows: WeekDemand[], thisWeek: string): WeekDemand[] {
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  const first = rows[0]?.week;
  const weeks: WeekDemand[] = [];
  for (let week = first; week !== undefined && week < thisWeek; week = addDays(week, 7)) {
    weeks.push(byWeek.get(week) ?? { week, reserved: 0, shipped: 0, refused: 0 });
  }
  return weeks;
}
