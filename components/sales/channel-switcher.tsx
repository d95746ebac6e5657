"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { chooseChannelAction } from "@/app/actions/sales-actions";
import type { ChannelOption } from "@/lib/server/views/sales";

type Props = {
  channels: ChannelOption[];
  current: string;
  /** The page to show the chosen channel on, with the query to keep (search, qty…). */
  path: string;
  keep?: Record<string, string>;
};

/**
 * The rep's channel. Choosing one remembers it (a cookie set by the action), so
 * the next visit opens on it, and puts it in the URL, so a link shows the same.
 */
export function ChannelSwitcher({ channels, current, path, keep = {} }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function choose(code: string) {
    startTransition(async () => {
      await chooseChannelAction(code);
      router.push(`${path}?${new URLSearchParams({ ...keep, channel: code })}`);
    });
  }
  return (
    <div role="group" aria-label="Sales channel" aria-busy={pending} className="inline-flex max-w-full overflow-x-auto rounded-lg border border-line bg-canvas p-0.5">
      {channels.map((channel) => {
        const active = channel.code === current;
        return (
          <button
            key={channel.code}
            type="button"
            aria-pressed={active}
            disabled={pending}
            onClick={() => (active ? undefined : choose(channel.code))}
            className={`rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors disabled:cursor-wait ${
              active ? "bg-surface text-accent-800 shadow-xs ring-1 ring-line" : "text-muted hover:text-ink"
            }`}
          >
            {channel.name}
          </button>
        );
      })}
    </div>
  );
}
