"use client";

import { useState } from "react";
import type { ChannelOption } from "@/lib/server/views/sales";
import { Card } from "@/components/ui/card";
import { channelName } from "../labels";
import { AtpBreakdown } from "./atp-breakdown";
import { AtpCurveChart } from "./atp-curve-chart";
import { AvailabilityAnswer } from "./availability-answer";
import { ConfirmOrderForm } from "./confirm-order-form";
import { DemandPanel } from "./demand-card";
import { IncomingList } from "./incoming-list";
import { LocationTable } from "./location-table";
import { PromiseCalculator } from "./promise-calculator";
import { ReservationsTable } from "./reservations-table";
import { SkuHeader } from "./sku-header";
import { useDemand, useSkuSales, type Demand, type SkuSales } from "./use-sku-sales";

type Props = {
  initial: SkuSales;
  initialQty: number | null;
  demand: Demand;
  channels: ChannelOption[];
  /** Sales reps confirm and release; admins read. */
  canOrder: boolean;
};

/** One SKU on one channel, kept live: every figure here refetches when an event for the SKU commits. */
export function SkuSalesScreen({ initial, initialQty, demand: initialDemand, channels, canOrder }: Props) {
  const [qty, setQty] = useState(initialQty);
  const sales = useSkuSales(initial, initialQty, qty);
  const demand = useDemand(initialDemand).data;
  const view = sales.data ?? initial;
  const channel = channelName(channels, view.channel);

  function check(next: number | null) {
    setQty(next);
    // The quantity goes in the address, so the answer can be shared or reloaded.
    const params = new URLSearchParams({ channel: view.channel, ...(next ? { qty: String(next) } : {}) });
    window.history.replaceState(null, "", `?${params}`);
  }

  return (
    <>
      <SkuHeader view={view} channels={channels} qty={qty} refreshing={sales.isFetching} stale={sales.isRefetchError} />
      <div className="grid gap-6">
        <AvailabilityAnswer view={view} channels={channels} />
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <Card title="Available to promise by date" description={`${channel}, next ${view.horizonDays} days: steps up when a receipt is sellable.`}>
              <AtpCurveChart view={view} qty={qty} />
            </Card>
          </div>
          <Card title="Incoming" description="Counted from the day it can be sold.">
            <IncomingList view={view} />
          </Card>
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="When can I promise?" description="The soonest one location can ship the whole order line.">
            <PromiseCalculator view={view} qty={qty} checking={sales.isPlaceholderData} onCheck={check} />
          </Card>
          {canOrder ? (
            <Card title="Confirm an order line" description={`Reserves stock on ${channel}; refused beyond what can be promised.`}>
              <ConfirmOrderForm view={view} />
            </Card>
          ) : (
            <Card title="Orders">
              <p className="text-sm text-muted">Sales reps confirm and release order lines here. You can read everything on this page.</p>
            </Card>
          )}
        </div>
        {/* Side by side only where the per-location table fits its five columns whole. */}
        <div className="grid gap-6 2xl:grid-cols-5">
          <div className="2xl:col-span-2">
            <Card title="Why is ATP lower than on hand?" description="What stands between the stock on the shelf and what you can promise.">
              <AtpBreakdown view={view} channels={channels} />
            </Card>
          </div>
          <div className="2xl:col-span-3">
            <Card title="Per location" description={`The locations serving ${channel}. An order line ships from one.`} flush>
              <LocationTable view={view} channels={channels} />
            </Card>
          </div>
        </div>
        <Card title="Open reservations" description="By order line, oldest first." flush>
          <ReservationsTable view={view} channels={channels} canOrder={canOrder} />
        </Card>
        <Card title="Demand and forecast" description={`Weekly, on ${channel}: what customers asked for, what shipped, and the next 8 weeks.`}>
          <DemandPanel demand={demand} />
        </Card>
      </div>
    </>
  );
}
