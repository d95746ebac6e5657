import type { FinanceSkuView, LayerView } from "@/lib/server/views/finance/types";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { whenText } from "@/components/warehouse/format";
import { Money, UnitCost } from "./money";

const FIFO: ReflowColumn<LayerView>[] = [
  {
    header: "Received",
    cell: (layer) => (
      <span className="grid">
        <span className="whitespace-nowrap">{layer.receivedAt ? whenText(layer.receivedAt) : "—"}</span>
        {layer.seq !== null && <span className="font-mono text-xs text-muted" title="The ledger event that created the layer">event #{layer.seq}</span>}
      </span>
    ),
  },
  { header: "Units left", align: "right", cell: (layer) => layer.qty },
  { header: "Unit cost", align: "right", cell: (layer) => <UnitCost value={layer.unitCost} /> },
  { header: "Value", align: "right", cell: (layer) => <Money value={layer.value} className="font-medium" /> },
];

const POOL: ReflowColumn<LayerView>[] = [
  { header: "Pool", cell: () => <span className="font-medium">All locations</span> },
  { header: "Units", align: "right", cell: (layer) => layer.qty },
  { header: "Unit cost", align: "right", cell: (layer) => <UnitCost value={layer.unitCost} /> },
  { header: "Value", align: "right", cell: (layer) => <Money value={layer.value} className="font-medium" /> },
];

/** FIFO: each receipt's layer, oldest first (the next issue takes from the top). Average and standard: the one pool. */
export function LayersTable({ view }: { view: FinanceSkuView }) {
  const fifo = view.method === "fifo";
  return (
    <ReflowTable
      caption={fifo ? "FIFO layers, oldest first" : "Cost pool"}
      columns={fifo ? FIFO : POOL}
      rows={view.layers}
      rowKey={(layer) => `${layer.seq ?? "pool"}-${layer.receivedAt ?? ""}-${layer.unitCost}`}
      rowTestId="cost-layer"
      phoneColumns={3}
      empty={fifo ? "No layers: nothing of this SKU is in the pool at this moment." : "The pool is empty at this moment."}
    />
  );
}
