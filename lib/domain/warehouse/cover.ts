// The demand a location keeps stock back for before it counts any as surplus:
// the sales forecast (Holt's linear smoothing of weekly demand, reserved plus
// refused, sales/forecast.ts) summed over the cover horizon.
import { FORECAST_METHOD, holt } from "../sales/forecast.ts";
import { addDays } from "../sales/days.ts";

/** Days of forecast demand a location keeps back. */
export const COVER_DAYS = 14;
/** Weeks of history the forecast reads: older weeks weigh next to nothing at α 0.3. */
export const COVER_HISTORY_WEEKS = 26;

export const COVER_METHOD =
  `the next ${COVER_DAYS} days of forecast demand at that location: ${FORECAST_METHOD.name} (α ${FORECAST_METHOD.alpha}, β ${FORECAST_METHOD.beta}) ` +
  `of the units asked for there each week, reserved plus refused for want of stock, over up to ${COVER_HISTORY_WEEKS} weeks`;

export type WeekQty = { week: string; qty: number };

/** Complete weeks from the first with demand to the one before `thisWeek` (Mondays), zeros included, oldest first. */
export function weeklySeries(weeks: readonly WeekQty[], thisWeek: string): number[] {
  const byWeek = new Map(weeks.map((w) => [w.week, w.qty]));
  const first = [...byWeek.keys()].filter((week) => week < thisWeek).sort()[0];
  const series: number[] = [];
  for (let week = first; week !== undefined && week < thisWeek; week = addDays(week, 7)) series.push(byWeek.get(week) ?? 0);
  return series;
}

export type Cover = { units: number; weekly: number };

/**
 * Units expected over the next `days`: each forecast week counts in full, the
 * last one in proportion to the days it covers, rounded up (a unit kept back
 * is better than a stock-out caused by a transfer).
 */
export function forecastCover(series: readonly number[], days: number = COVER_DAYS): Cover {
  const forecast = holt(series, Math.ceil(days / 7));
  let total = 0;
  forecast.forEach((week, i) => {
    total += week * (Math.min(7, days - 7 * i) / 7);
  });
  return { units: Math.max(0, Math.ceil(total - 1e-9)), weekly: Math.round((forecast[0] ?? 0) * 10) / 10 };
}
