import Link from "next/link";
import { Money } from "@/components/finance/money";
import { ACCOUNT_LABEL } from "@/components/finance/labels";
import { Badge } from "@/components/ui/badge";
import { CodeText } from "@/components/ui/code-text";
import { STATE_LABEL, whenText } from "@/components/warehouse/format";
import type { Account } from "@/lib/domain/finance/cost-state";
import type { InternalState } from "@/lib/domain/states";
import type { TraceEntry } from "@/lib/server/views/trace-types";
import { ViewEffects } from "./delta";

const stateText = (state: string) => STATE_LABEL[state as InternalState] ?? state.charAt(0) + state.slice(1).toLowerCase().replaceAll("_", " ");

function Legs({ entry }: { entry: TraceEntry }) {
  if (!entry.legs.length) return <p className="text-xs text-muted">Moves no units{typeof entry.data.qty === "number" ? ` (${entry.data.qty} units invoiced)` : ""}.</p>;
  return (
    <ul className="space-y-0.5 text-xs">
      {entry.legs.map((leg) => (
        <li key={leg.seq}>
          <span className="font-medium tabular-nums">{leg.qty}</span> × {stateText(leg.from!.state)}
          {leg.from!.bin && <> <CodeText>{leg.from!.bin}</CodeText></>} → {stateText(leg.to!.state)}
          {leg.to!.bin && <> <CodeText>{leg.to!.bin}</CodeText></>}
          {leg.to!.location !== leg.from!.location ? <> at <CodeText>{leg.to!.location}</CodeText></> : <> at <CodeText>{leg.from!.location}</CodeText></>}
          {leg.channel && <> · {leg.channel}</>}
        </li>
      ))}
    </ul>
  );
}

function Journal({ entry }: { entry: TraceEntry }) {
  if (!entry.journal.length) return null;
  return (
    <table className="mt-2 w-full max-w-md text-xs" data-testid="trace-journal">
      <caption className="sr-only">Journal lines of event #{entry.seq}</caption>
      <tbody>
        {entry.journal.map((line, i) => (
          <tr key={`${line.seq}-${i}`} className="border-t border-line/60">
            <td className="py-0.5 pr-2">{ACCOUNT_LABEL[line.account as Account] ?? line.account}</td>
            <td className="py-0.5 pr-2 text-right whitespace-nowrap">{line.debit !== "0.00" && <>Dr <Money value={line.debit} /></>}</td>
            <td className="py-0.5 text-right whitespace-nowrap">{line.credit !== "0.00" && <>Cr <Money value={line.credit} /></>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Approval({ entry }: { entry: TraceEntry }) {
  const a = entry.approval;
  if (!a) return null;
  return (
    <p className="text-xs text-muted" data-testid="trace-approval">
      Asked by <span className="text-ink">{a.requestedBy}</span>
      {a.decidedBy && <>, {a.status} by <span className="text-ink">{a.decidedBy}</span>{a.decidedAt && <> on {whenText(a.decidedAt)}</>}</>}
    </p>
  );
}

export function TraceEntryRow({ entry, href }: { entry: TraceEntry; href: (seq: number) => string }) {
  return (
    <li id={`event-${entry.seq}`} className="scroll-mt-4 px-4 py-3 sm:px-5" data-testid="trace-entry" data-type={entry.type}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-semibold">{entry.label}</span>
        <span className="text-xs text-muted">#{entry.seq}</span>
        <time dateTime={entry.occurredAt} className="text-xs text-muted">{whenText(entry.occurredAt)}</time>
        <span className="text-xs">by {entry.actor}</span>
        {entry.documents.map((doc) => <Badge key={doc} tone="info"><CodeText>{doc}</CodeText></Badge>)}
        {entry.reverses && <Link href={href(entry.reverses.seq)} className="text-xs text-accent-700 hover:underline">undoes #{entry.reverses.seq}</Link>}
        {entry.reversedBy && <Link href={href(entry.reversedBy.seq)} className="text-xs font-medium text-danger-700 hover:underline">reversed by #{entry.reversedBy.seq}</Link>}
      </div>
      {entry.reason && <p className="text-xs text-muted">“{entry.reason}”</p>}
      <Approval entry={entry} />
      {/* Effects take the whole width below the moves: seven figures with money in them do not fit beside them. */}
      <div className="mt-2 space-y-2">
        <div>
          <Legs entry={entry} />
          <Journal entry={entry} />
        </div>
        <ViewEffects effect={entry.effect} after={entry.after} />
      </div>
    </li>
  );
}
