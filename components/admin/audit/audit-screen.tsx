import type { AuditRow } from "@/lib/server/admin/read";
import type { Paged } from "@/lib/server/views/admin";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { PageHeader } from "@/components/ui/page-header";
import { Table, type Column } from "@/components/ui/table";
import { controlClass } from "../form/field";
import { Pager } from "../pager";
import { TimeText } from "../time-text";
import { AUDIT_ACTIONS, actionLabel } from "./audit-actions";
import { ChangeText } from "./change-text";

const COLUMNS: Column<AuditRow>[] = [
  { header: "When", cell: (entry) => <TimeText iso={entry.at} /> },
  { header: "Who", cell: (entry) => <span className="font-medium">{entry.actor.name}</span> },
  { header: "What", cell: (entry) => actionLabel(entry.action) },
  { header: "Target", cell: (entry) => <CodeText>{entry.target.label}</CodeText> },
  { header: "Change", cell: (entry) => <ChangeText before={entry.before} after={entry.after} /> },
];

export function AuditScreen({ entries, action }: { entries: Paged<AuditRow>; action: string }) {
  const href = (page: number) => `/admin/audit?${new URLSearchParams({ ...(action ? { action } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to users, tokens and master data: who made it, when, and the record before and after. Entries cannot be edited or removed."
      />
      <Card title="Entries" description="Newest first." flush>
        {/* A plain GET form: filtering works without JavaScript and the URL can be shared. */}
        <form method="get" className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-3">
          <label htmlFor="audit-action" className="text-sm font-medium">Show</label>
          <div className="w-56">
            <select id="audit-action" name="action" defaultValue={action} className={controlClass}>
              <option value="">Every action</option>
              {AUDIT_ACTIONS.map((known) => (
                <option key={known.value} value={known.value}>{known.label}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium hover:bg-canvas">Filter</button>
        </form>
        <Table caption="Audit log" columns={COLUMNS} rows={entries.rows} rowKey={(entry) => entry.id} empty="No admin actions recorded yet." />
        <Pager {...entries} noun="entries" href={href} />
      </Card>
    </>
  );
}
