import { PageHeader } from "@/components/ui/page-header";
import type { Overview } from "@/lib/server/views/overview/types";
import { AdjustmentsCard } from "./adjustments-card";
import { AvailableCard } from "./available-card";
import { CloseCard } from "./close-card";
import { TraceabilityCard } from "./traceability-card";

/** The seed's self-assessment as live figures, the same for every role. */
export function OverviewScreen({ data, page }: { data: Overview; page: number }) {
  return (
    <>
      <PageHeader title="Overview" description="Four questions the whole business should be able to answer from the ledger alone, answered live." />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <TraceabilityCard data={data.traceability} page={page} />
        <CloseCard close={data.close} />
        <AdjustmentsCard data={data.adjustments} />
        <AvailableCard />
      </div>
    </>
  );
}
