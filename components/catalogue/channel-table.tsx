import type { ChannelRow } from "@/lib/server/views/catalogue";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";

const COLUMNS: Column<ChannelRow>[] = [
  { header: "Code", cell: (channel) => <CodeText>{channel.code}</CodeText> },
  { header: "Name", cell: (channel) => channel.name },
];

export function ChannelTable({ channels }: { channels: ChannelRow[] }) {
  return (
    <Card title="Sales channels" flush>
      <Table caption="Sales channels" columns={COLUMNS} rows={channels} rowKey={(channel) => channel.id} empty="No sales channels yet." />
    </Card>
  );
}
