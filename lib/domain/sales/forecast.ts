// Demand from clean history, and what it says next. Weekly demand is what
// customers asked for: units reserved plus reservations refused for want of stock
// (lost demand). The forecast is Holt's linear exponential smoothing (a level and
// a trend, each an exponentially weighted average), with its error measured
// honestly on the last weeks it did not see.
import { addDays, daysBetween } from "./days.ts";

export type WeekDemand = { week: string; reserved: number; shipped: number; refused: number };

export const FORECAST_METHOD = {
  name: "Holt's linear exponential smoothing",
  alpha: 0.3,
  beta: 0.1,
  holdoutWeeks: 4,
  description:
    "Level and trend are exponentially weighted averages of weekly demand (reserved + refused), α = 0.3 for the level and β = 0.1 for the trend; " +
    "the forecast for week h ahead is level + h × trend, never below zero. The error is the mean absolute error of a forecast made without the last 4 weeks, against what those weeks were.",
} as const;

/** Demand the forecast follows: what was asked for, served or not. */
export const asked = (week: WeekDemand): number => week.reserved + week.refused;

export function holt(series: readonly number[], horizon: number, alpha: number = FORECAST_METHOD.alpha, beta: number = FORECAST_METHOD.beta): number[] {
  if (series.length === 0) return Array.from({ length: horizon }, () => 0);
  let level = series[0];
  let trend = series.length > 1 ? series[1] - series[0] : 0;
  for (const value of series.slice(1)) {
    const previous = level;
    level = alpha * value + (1 - alpha) * (level + trend);
    trend = beta * (level - previous) + (1 - beta) * trend;
  }
  return Array.from({ length: horizon }, (_, h) => Math.max(0, level + (h + 1) * trend));
}

export type ForecastError = { mae: number; mape: number | null; weeks: number };

/** The forecast's error on the last `holdout` weeks, fitted on the weeks before them. Null when history is too short to tell. */
export function holdoutError(series: readonly number[], holdout: number = FORECAST_METHOD.holdoutWeeks): ForecastError | null {
  if (series.length < holdout + 4) return null;
  const fit = series.slice(0, series.length - holdout);
  const actual = series.slice(series.length - holdout);
  const predicted = holt(fit, holdout);
  const mae = actual.reduce((total, value, i) => total + Math.abs(value - predicted[i]), 0) / holdout;
  const nonzero = actual.map((value, i) => [value, predicted[i]] as const).filter(([value]) => value !== 0);
  const mape = nonzero.length ? (nonzero.reduce((total, [value, p]) => total + Math.abs(value - p) / value, 0) / nonzero.length) * 100 : null;
  return { mae, mape, weeks: holdout };
}

/** Days the units that can be promised last at the forecast rate; null when nothing is forecast. */
export function daysOfCover(atp: number, weeklyForecast: number): number | null {
  if (weeklyForecast <= 0) return null;
  return Math.max(0, Math.floor((Math.max(0, atp) / weeklyForecast) * 7));
}

export type Reorder = { qty: number; orderBy: string; reason: string };

/**
 * A reorder suggestion: order enough to cover the supplier lead time plus a review
 * period at the forecast rate, on top of safety stock, less what is promisable or
 * already incoming; order by the day the current cover runs out less the lead time.
 */
export function reorderSuggestion(args: {
  today: string;
  atp: number;
  incoming: number;
  weeklyForecast: number;
  leadTimeDays: number;
  safetyStock: number;
  reviewDays?: number;
}): Reorder | null {
  const daily = args.weeklyForecast / 7;
  if (daily <= 0) return null;
  const reviewDays = args.reviewDays ?? 28;
  const need = Math.ceil(daily * (args.leadTimeDays + reviewDays)) + args.safetyStock;
  const position = Math.max(0, args.atp) + args.incoming;
  if (position >= need) return null;
  const coverDays = Math.floor(position / daily);
  const orderBy = addDays(args.today, Math.max(0, coverDays - args.leadTimeDays));
  const late = daysBetween(args.today, orderBy) === 0 && coverDays < args.leadTimeDays;
  return {
    qty: need - position,
    orderBy,
    reason: late
      ? `Stock runs out in ${coverDays} days, within the ${args.leadTimeDays}-day lead time: order now.`
      : `Covers ${args.leadTimeDays} days of lead time and ${reviewDays} days after, plus ${args.safetyStock} safety stock.`,
  };
}
