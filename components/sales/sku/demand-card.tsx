import { Stat } from "@/components/ui/stat";
import { fullDay } from "../format";
import { DemandChart } from "./demand-chart";
import type { Demand } from "./use-sku-sales";

const one = (n: number) => (Math.round(n * 10) / 10).toLocaleString("en-GB");

function ErrorText({ error }: { error: Demand["error"] }) {
  if (!error) return <>Too little history yet to measure how far off it is.</>;
  const off = one(error.mae);
  return (
    <>
      On the last {error.weeks} weeks, which it did not see, it was off by {off} {off === "1" ? "unit" : "units"} a week on average
      {error.mape !== null && <> ({Math.round(error.mape)}%)</>}.
    </>
  );
}

/** Demand from clean history and what it says next: forecast, cover and a reorder suggestion. */
export function DemandPanel({ demand }: { demand: Demand }) {
  const { reorder } = demand;
  return (
    <div className="grid gap-5">
      <DemandChart demand={demand} />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Forecast" value={`${one(demand.weeklyForecast)}/wk`} hint="next 8 weeks, average" />
        <Stat
          label="Days of cover"
          value={demand.daysOfCover === null ? "—" : demand.daysOfCover}
          hint={demand.daysOfCover === null ? "no demand forecast" : "available to promise at that rate"}
        />
        <Stat label="Supplier lead time" value={`${demand.leadTimeDays} d`} hint="order to sellable" />
        <Stat
          label="Reorder"
          value={reorder ? <span className="text-amber-800">{reorder.qty}</span> : "Not needed"}
          hint={reorder ? `order by ${fullDay(reorder.orderBy)}` : "stock and incoming cover it"}
        />
      </dl>
      {reorder && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Suggest ordering {reorder.qty} by {fullDay(reorder.orderBy)}. {reorder.reason}</p>}
      <details className="text-sm text-muted">
        <summary className="cursor-pointer font-medium text-ink">
          How the forecast is made: {demand.method.name}. <ErrorText error={demand.error} />
        </summary>
        <p className="mt-2">{demand.method.description}</p>
        <p className="mt-1">Demand counts units reserved plus reservations refused for want of stock, so a sold-out week does not look like a quiet one.</p>
      </details>
    </div>
  );
}
