import type { CostingCount } from "@/lib/server/views/catalogue";
import { COSTING_LABEL } from "@/components/catalogue/costing-method";
import { Stat } from "@/components/ui/stat";

export function CostingSummary({ costing }: { costing: CostingCount[] }) {
  return (
    <section aria-label="SKUs per costing method">
      <dl className="grid gap-4 sm:grid-cols-3">
        {costing.map(({ method, count }) => (
          <Stat key={method} label={COSTING_LABEL[method]} value={count} hint={count === 1 ? "SKU" : "SKUs"} />
        ))}
      </dl>
    </section>
  );
}
