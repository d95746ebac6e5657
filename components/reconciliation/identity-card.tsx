import { Card } from "@/components/ui/card";
import type { Identity } from "@/lib/domain/reconciliation/types";
import { amountText, IDENTITY_TITLE, Remainder } from "./format";
import { stepsOf } from "./steps";
import { WaterfallChart } from "./waterfall-chart";

const shortId = (id: string) => id.slice(0, 8);

/** One identity: its waterfall, then each bucket with the events that put its units there. */
export function IdentityCard({ identity, description }: { identity: Identity; description: string }) {
  const title = `${IDENTITY_TITLE[identity.name]}${identity.channel ? ` · ${identity.channel}` : ""}`;
  return (
    <div data-testid="identity" data-name={identity.name}>
      <Card title={title} description={description}>
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2 text-sm">
          <p className="tabular-nums">
            <strong>{amountText(identity.left)}</strong> {identity.leftLabel.toLowerCase()} − buckets = <strong>{amountText(identity.right)}</strong> {identity.rightLabel}
          </p>
          <p>Unexplained <Remainder value={identity.unexplained} /></p>
        </div>
        <WaterfallChart steps={stepsOf(identity)} label={title} />
        {identity.buckets.length > 0 && (
          <ul className="mt-3 divide-y divide-line text-sm">
            {identity.buckets.map((bucket) => (
              <li key={bucket.bucket} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                <span className="font-medium">{bucket.label}</span>
                <span className="tabular-nums">{amountText(bucket.qty ?? bucket.value ?? 0)}</span>
                <span className="w-full text-xs text-muted">
                  {bucket.eventCount
                    ? <>{bucket.eventCount}{bucket.more ? "+" : ""} {bucket.eventCount === 1 ? "event" : "events"}: <code className="break-all">{bucket.events.slice(0, 6).map(shortId).join(" · ")}</code>{bucket.events.length > 6 ? " …" : ""}</>
                    : "From the stock policy: no event put these units here."}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
