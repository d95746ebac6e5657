import type { ChannelOption } from "@/lib/server/views/sales";
import { CodeText } from "@/components/ui/code-text";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { shortDay } from "../format";
import { channelName } from "../labels";
import { Dash, QtyText } from "../qty-text";
import type { SkuSales } from "./use-sku-sales";

type Row = SkuSales["locations"][number] & SkuSales["availability"]["locations"][number];

function columns(view: SkuSales, channels: ChannelOption[]): ReflowColumn<Row>[] {
  return [
    { header: "Location", cell: (row) => <CodeText>{row.location}</CodeText> },
    { header: "To promise today", align: "right", cell: (row) => <QtyText value={row.atp} className="font-semibold" /> },
    { header: "On hand", align: "right", cell: (row) => row.onHand },
    {
      header: "Held back",
      align: "right",
      cell: (row) => {
        const others = row.fences.filter((f) => f.channel !== view.channel && f.unconsumed > 0);
        const setAside = others.reduce((total, f) => total + f.unconsumed, 0);
        const why = [`${row.safetyStock} safety stock`, ...others.map((f) => `${f.unconsumed} set aside for ${channelName(channels, f.channel)}`)].join(", ");
        return (
          <span className="inline-flex flex-col sm:items-end" title={why}>
            <span>{row.safetyStock + setAside}</span>
            <span className="text-xs whitespace-nowrap text-muted">{setAside ? `incl. ${setAside} set aside` : "safety stock"}</span>
          </span>
        );
      },
    },
    {
      header: "Next receipt",
      align: "right",
      cell: (row) => {
        const next = row.curve.find((point) => point.arriving > 0);
        return next ? (
          <span className="whitespace-nowrap">
            +{next.arriving} <span className="text-muted">{shortDay(next.date)}</span>
          </span>
        ) : (
          <Dash />
        );
      },
    },
  ];
}

/** The channel is served by several locations; an order line ships from one of them. */
export function LocationTable({ view, channels }: { view: SkuSales; channels: ChannelOption[] }) {
  const rows: Row[] = view.locations.map((l) => ({ ...l, ...view.availability.locations.find((a) => a.location === l.location)! }));
  return <ReflowTable caption="Available to promise per location" columns={columns(view, channels)} rows={rows} rowKey={(row) => row.location} empty="No location serves this channel." />;
}
