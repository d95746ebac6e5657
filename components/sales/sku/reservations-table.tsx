import type { ChannelOption } from "@/lib/server/views/sales";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CodeText } from "@/components/ui/code-text";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { shortDay } from "../format";
import { channelName, RESERVATION_STATE } from "../labels";
import { ReleaseReservation } from "./release-reservation";
import type { SkuSales } from "./use-sku-sales";

type Reservation = SkuSales["reservations"][number];

const STATE_TONE: Record<Reservation["state"], BadgeTone> = { RESERVED: "accent", PICKED: "info", PACKED: "positive" };

/** A reservation older than this is probably a forgotten order: flagged for the rep. */
const STALE_DAYS = 14;

function age(row: Reservation) {
  const text = row.ageDays === 0 ? "today" : row.ageDays === 1 ? "1 day" : `${row.ageDays} days`;
  return (
    <span className="inline-flex flex-col sm:items-end">
      <span className={row.ageDays >= STALE_DAYS ? "font-medium text-amber-800" : ""}>{text}</span>
      <span className="text-xs whitespace-nowrap text-muted">since {shortDay(row.since)}</span>
    </span>
  );
}

function columns(sku: string, channels: ChannelOption[], canOrder: boolean): ReflowColumn<Reservation>[] {
  const list: ReflowColumn<Reservation>[] = [
    { header: "Order line", cell: (row) => <CodeText>{row.orderLine}</CodeText> },
    { header: "Channel", cell: (row) => channelName(channels, row.channel) },
    { header: "Location", cell: (row) => <CodeText>{row.location}</CodeText> },
    { header: "Stage", cell: (row) => <Badge tone={STATE_TONE[row.state]}>{RESERVATION_STATE[row.state]}</Badge> },
    { header: "Qty", align: "right", cell: (row) => <span className="font-semibold tabular-nums">{row.qty}</span> },
    { header: "Age", align: "right", cell: age },
  ];
  if (canOrder) {
    list.push({
      header: "Action",
      align: "right",
      full: true,
      cell: (row) =>
        row.state === "RESERVED" ? (
          <ReleaseReservation sku={sku} orderLine={row.orderLine} location={row.location} qty={row.qty} />
        ) : (
          <span className="text-xs text-muted">With the warehouse</span>
        ),
    });
  }
  return list;
}

export function ReservationsTable({ view, channels, canOrder }: { view: SkuSales; channels: ChannelOption[]; canOrder: boolean }) {
  return (
    <ReflowTable
      caption="Open reservations by order line"
      columns={columns(view.sku.code, channels, canOrder)}
      rows={view.reservations}
      rowKey={(row) => `${row.orderLine}-${row.location}-${row.state}`}
      rowTestId="reservation"
      empty="No open reservations for this SKU."
    />
  );
}
