import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

/** A link named a channel that does not exist: say so and offer the real ones. */
export function UnknownChannel({ code, channels, path }: { code: string; channels: { code: string; name: string }[]; path: string }) {
  return (
    <>
      <PageHeader title="Sales" />
      <Card title={code ? `No channel called “${code}”` : "No sales channels yet"}>
        {channels.length ? (
          <p className="text-sm">
            Choose one of:{" "}
            {channels.map((channel, i) => (
              <span key={channel.code}>
                {i > 0 && ", "}
                <Link className="font-medium text-accent-800 hover:underline" href={`${path}?channel=${encodeURIComponent(channel.code)}`}>
                  {channel.name}
                </Link>
              </span>
            ))}
            .
          </p>
        ) : (
          <p className="text-sm text-muted">An administrator adds channels under Locations &amp; channels.</p>
        )}
      </Card>
    </>
  );
}
