import Link from "next/link";
import type { InFlightTransfer } from "@/lib/server/views/warehouse-transfers";
import type { LocationOption } from "@/lib/server/views/warehouse-stock";
import { ageMs, ageText } from "@/lib/domain/warehouse/age";
import { isOverdue } from "@/lib/domain/warehouse/transfers";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ReceiveTransferAction } from "./receive-transfer-action";
import { FeedbackProvider } from "./feedback-slot";
import { ShipTransferForm } from "./ship-transfer-form";
import { whenText } from "./format";
import { FLIGHT_SCAN_ID, ScanBar } from "./scan-bar";
import { WarehouseLive } from "./warehouse-live";
import { IfMayPost } from "@/components/shell/role-provider";

type Props = {
  asOfEvent: number;
  transfers: InFlightTransfer[];
  locations: LocationOption[];
  now: Date;
  initial?: { sku?: string; from?: string; to?: string; qty?: number };
  /** What the in-flight list's scan field named: a SKU, a transfer, or a location at either end. */
  find?: string;
};

export function TransfersScreen({ asOfEvent, transfers, locations, now, initial, find }: Props) {
  return (
    <>
      <PageHeader
        title="Transfers"
        description="Units in transit show at both ends: outgoing at the source, incoming at the target, counted once."
      />
      <WarehouseLive seq={asOfEvent} />
      <div className="grid gap-6">
        <Card title="Ship a transfer" description="Takes available units from the source; they wait in transfer transit until the target receives them.">
          <IfMayPost type="transfer.ship">
            <ShipTransferForm locations={locations} initial={initial} autoFocus={!find} />
          </IfMayPost>
        </Card>
        <Card title={`In flight (${transfers.length})`} description={find ? `For ${find}: overdue first, then the oldest.` : "Overdue first, then the oldest."} flush>
          <div className="border-b border-line px-5 py-3">
            <ScanBar
              action="/warehouse/transfers"
              id={FLIGHT_SCAN_ID}
              name="find"
              autoFocus={false}
              label="Scan a SKU, transfer or location"
              value={find}
              hint="Enter shows the transfers it names with the first quantity ready; Enter again receives."
            />
            {find && (
              <p className="mt-2 text-sm">
                Showing <CodeText>{find}</CodeText> only. <Link href="/warehouse/transfers" className="font-medium text-accent-700 hover:underline">Show every transfer in flight</Link>
              </p>
            )}
          </div>
          <FeedbackProvider testId="flight-feedback">
          {transfers.length === 0 ? (
            <EmptyState title={find ? `No transfer in flight for ${find}.` : "No transfers in flight."}>
              {find ? "Check the code: a transfer id, a SKU, or a location at either end." : undefined}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-line">
              {transfers.map((transfer, index) => {
                const late = isOverdue(transfer, now);
                return (
                  <li key={`${transfer.ref}|${transfer.sku}`} className="grid gap-3 px-5 py-3 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start" data-testid="transfer-in-flight" data-ref={transfer.ref}>
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2">
                        <CodeText>{transfer.ref}</CodeText>
                        <Link href={`/warehouse/skus/${transfer.sku}`} className="text-accent-700 hover:underline"><CodeText>{transfer.sku}</CodeText></Link>
                        <span className="truncate text-sm">{transfer.name}</span>
                        {late && <Badge tone="warning">overdue since {whenText(transfer.eta!)}</Badge>}
                      </p>
                      <p className="mt-1 text-sm text-muted">
                        <strong className="text-ink">{transfer.qty}</strong> from <CodeText>{transfer.from}</CodeText> to <CodeText>{transfer.to}</CodeText>
                        {" · "}shipped {ageText(ageMs(transfer.shippedAt, now))} ago
                        {transfer.eta && !late && <> · due {whenText(transfer.eta)}</>}
                        {!transfer.eta && " · no ETA"}
                      </p>
                    </div>
                    <IfMayPost type="transfer.receive">
                      <ReceiveTransferAction transfer={transfer} autoFocus={Boolean(find) && index === 0} />
                    </IfMayPost>
                  </li>
                );
              })}
            </ul>
          )}
          </FeedbackProvider>
        </Card>
      </div>
    </>
  );
}
