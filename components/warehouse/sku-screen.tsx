import Link from "next/link";
import type { SkuWarehouse } from "@/lib/server/views/warehouse-sku";
import { PHYSICAL_STATES, type InternalState } from "@/lib/domain/states";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { controlClass } from "@/components/admin/form/field";
import { STATE_LABEL, localInput, whenText } from "./format";
import { StateChart, type ChartRow } from "./state-chart";
import { WarehouseLive } from "./warehouse-live";

const SHOWN: InternalState[] = [...PHYSICAL_STATES, "TRANSFER_TRANSIT"];

function statesText(states: Partial<Record<InternalState, number>>) {
  return SHOWN.filter((state) => states[state]).map((state) => `${states[state]} ${STATE_LABEL[state].toLowerCase()}`).join(" · ");
}

export function SkuScreen({ data, asOf }: { data: SkuWarehouse; asOf: string | null }) {
  const { view, sku } = data;
  const chartRows: ChartRow[] = view.locations.map((location) => ({ location: location.location, ...location.states }));
  const chartStates = SHOWN.filter((state) => view.locations.some((location) => location.states[state]));
  const transitIn = view.locations.reduce((total, location) => total + (location.states.TRANSFER_TRANSIT ?? 0), 0);
  return (
    <>
      <PageHeader
        title={`${sku.code} · ${sku.name}`}
        description={<>Where every unit of this SKU is, location by location and bin by bin{asOf ? <>, as of <strong>{whenText(asOf)}</strong></> : ", now"}.</>}
      />
      <WarehouseLive seq={view.asOfEvent} skus={[sku.code]} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Moment">
        <label className="text-sm font-medium">
          As of (UTC)
          <input type="datetime-local" name="asOf" defaultValue={localInput(asOf)} className={`mt-1 ${controlClass}`} />
        </label>
        <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">Show</button>
        {asOf && <Link href={`/warehouse/skus/${sku.code}`} className="py-2 text-sm font-medium text-accent-700 hover:underline">Now</Link>}
      </form>
      <dl className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label="On hand" value={view.onHand} hint="Everything in our buildings" />
        <Stat label="Usable" value={view.usable} hint="Available plus committed" />
        <Stat label="In transfer transit" value={transitIn} hint="Counted at the target, shown at both ends" />
      </dl>
      <div className="grid gap-6">
        <Card title="States per location" description="Stacked units per state; hover a bar for the figures.">
          {chartRows.length ? <StateChart rows={chartRows} states={chartStates} /> : <EmptyState title="No units anywhere at this moment." />}
        </Card>
        <Card title="Where the units are" flush>
          {view.locations.length === 0 ? (
            <EmptyState title="No units anywhere at this moment." />
          ) : (
            <div className="divide-y divide-line">
              {view.locations.map((location) => {
                const out = data.outgoing.filter((o) => o.location === location.location);
                return (
                  <section key={location.location} aria-label={`${sku.code} at ${location.location}`} className="px-5 py-4" data-testid="sku-location">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 className="font-semibold"><CodeText>{location.location}</CodeText></h3>
                      <p className="text-sm text-muted">
                        on hand <strong className="text-ink">{location.onHand}</strong> · usable <strong className="text-ink">{location.usable}</strong>
                        {location.states.TRANSFER_TRANSIT ? <> · {location.states.TRANSFER_TRANSIT} arriving by transfer</> : null}
                      </p>
                    </div>
                    {location.bins.length > 0 && (
                      <table className="mt-2 w-full text-sm">
                        <caption className="sr-only">Bins at {location.location}</caption>
                        <thead className="text-xs text-muted"><tr><th scope="col" className="w-28 py-1 text-left font-medium">Bin</th><th scope="col" className="w-20 py-1 text-right font-medium">On hand</th><th scope="col" className="py-1 pl-4 text-left font-medium">States</th></tr></thead>
                        <tbody>
                          {location.bins.map((bin) => (
                            <tr key={bin.bin} className="border-t border-line">
                              <td className="py-1.5"><CodeText>{bin.bin || "no bin"}</CodeText></td>
                              <td className="py-1.5 text-right font-medium">{bin.onHand}</td>
                              <td className="py-1.5 pl-4 text-muted">{statesText(bin.states)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                    {out.length > 0 && (
                      <p className="mt-2 text-sm text-muted">Shipped from here, in transit: {out.map((o) => `${o.qty} to ${o.to} (${o.ref})`).join(", ")}</p>
                    )}
                  </section>
                );
              })}
              {data.outgoing
                .filter((o) => !view.locations.some((location) => location.location === o.location))
                .map((o) => (
                  <p key={`${o.location}-${o.ref}`} className="px-5 py-3 text-sm text-muted">
                    <CodeText>{o.location}</CodeText>: nothing on hand; {o.qty} shipped to {o.to} on {o.ref}, in transit.
                  </p>
                ))}
            </div>
          )}
        </Card>
        <Card title="Recent moves" description="The latest ledger rows for this SKU, newest first." flush>
          {data.moves.length === 0 ? (
            <EmptyState title="No moves yet." />
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <caption className="sr-only">Recent moves of {sku.code}</caption>
                <thead className="bg-canvas text-xs text-muted uppercase">
                  <tr>
                    <th scope="col" className="px-5 py-2 text-left font-semibold">When</th>
                    <th scope="col" className="px-3 py-2 text-left font-semibold">Event</th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">Qty</th>
                    <th scope="col" className="px-3 py-2 text-left font-semibold">From → to</th>
                    <th scope="col" className="px-5 py-2 text-left font-semibold">By</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-line">
                  {data.moves.map((move) => (
                    <tr key={move.seq}>
                      <td className="px-5 py-2 whitespace-nowrap text-muted">{whenText(move.occurredAt)}</td>
                      <td className="px-3 py-2">{move.label} <span className="text-xs text-muted">#{move.seq}</span></td>
                      <td className="px-3 py-2 text-right">{move.qty || "—"}</td>
                      <td className="px-3 py-2 text-xs">{move.from ? `${move.from} → ${move.to}` : move.to || "—"}</td>
                      <td className="px-5 py-2 whitespace-nowrap">{move.actor}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
