import type { salesList } from "@/lib/server/views/sales";
import { Pager } from "@/components/admin/pager";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AsOfEvent } from "@/components/live/as-of-event";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ChannelSwitcher } from "../channel-switcher";
import { channelName } from "../labels";
import { SalesListTable } from "./sales-list-table";
import { SalesSearch } from "./sales-search";

export type SalesListData = Awaited<ReturnType<typeof salesList>>;

export function SalesListScreen({ data, q, asOfEvent }: { data: SalesListData; q: string; asOfEvent: number }) {
  const { channel, channels } = data;
  const name = channelName(channels, channel);
  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  const href = (page: number) => `/sales?${new URLSearchParams({ channel, ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader title="Sales overview" description={`What you can promise on ${name} today, what is committed, and when more arrives.`} />
      <div className="-mt-4 mb-4">
        <LiveRefresh />
        <AsOfEvent seq={asOfEvent} />
      </div>
      <Card title={`Stock to promise on ${name}`} description={q ? `SKUs matching “${q}”` : "Every SKU, by code. Open one for dates, a promise and orders."} flush>
        <div className="flex flex-wrap items-center gap-3 px-5 py-3">
          <ChannelSwitcher channels={channels} current={channel} path="/sales" keep={q ? { q } : {}} />
          <SalesSearch q={q} channel={channel} />
        </div>
        <div className="border-t border-line">
          <SalesListTable rows={data.rows} channel={channel} q={q} />
        </div>
        <Pager page={data.page} pageCount={pageCount} total={data.total} noun="SKUs" href={href} />
      </Card>
    </>
  );
}
