import type { TrialBalance, TrialBalanceRow } from "@/lib/server/views/finance/types";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ACCOUNT_LABEL } from "./labels";
import { Money } from "./money";

const cell = "px-5 py-2.5 text-right";
// A phone keeps the account and its balance; the debit and credit move under the account name.
const wide = `${cell} max-sm:hidden`;

/**
 * A balance as an accountant reads it: debit − credit, shown unsigned with Dr or Cr.
 * A credit balance is normal for GRNI or payables, so it is not painted as an error.
 */
function Balance({ value }: { value: string }) {
  // A zero keeps the suffix's room, so the digits still line up.
  if (!/[1-9]/.test(value)) return <span className="whitespace-nowrap"><Money value={value} /> <span aria-hidden="true" className="invisible text-xs">Dr</span></span>;
  const credit = value.startsWith("-");
  return (
    <span className="whitespace-nowrap" data-side={credit ? "credit" : "debit"}>
      <Money value={credit ? value.slice(1) : value} /> <span className="text-xs font-normal text-muted">{credit ? "Cr" : "Dr"}</span>
    </span>
  );
}

/** Debits, credits and the balance per account; the totals must agree, and the table says whether they do. */
export function TrialBalanceTable({ balance, caption }: { balance: TrialBalance; caption: string }) {
  if (balance.rows.length === 0) return <EmptyState title="No journal lines for these filters." />;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="trial-balance">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-canvas text-xs font-semibold tracking-wide text-muted uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 text-left">Account</th>
            <th scope="col" className="px-5 py-2 text-right max-sm:hidden">Debit</th>
            <th scope="col" className="px-5 py-2 text-right max-sm:hidden">Credit</th>
            <th scope="col" className="px-5 py-2 text-right">Balance</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {balance.rows.map((row: TrialBalanceRow) => (
            <tr key={row.account} data-testid="trial-balance-row" data-account={row.account}>
              <th scope="row" className="px-5 py-2.5 text-left font-normal">
                {ACCOUNT_LABEL[row.account] ?? row.account}
                <span className="block text-xs text-muted sm:hidden">
                  Dr <Money value={row.debit} /> · Cr <Money value={row.credit} />
                </span>
              </th>
              <td className={wide}><Money value={row.debit} /></td>
              <td className={wide}><Money value={row.credit} /></td>
              <td className={`${cell} font-medium`}><Balance value={row.balance} /></td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-line bg-canvas font-semibold">
          <tr data-testid="trial-balance-total">
            <th scope="row" className="px-5 py-2.5 text-left">
              Total{" "}
              {balance.balanced ? <Badge tone="positive">Balanced</Badge> : <span className="inline-flex items-center rounded-full bg-danger-50 px-2 py-0.5 text-xs font-medium text-danger-700 ring-1 ring-inset ring-danger-700/30">Out of balance</span>}
              <span className="block text-xs font-normal text-muted sm:hidden">
                Dr <Money value={balance.debit} /> · Cr <Money value={balance.credit} />
              </span>
            </th>
            <td className={wide}><Money value={balance.debit} /></td>
            <td className={wide}><Money value={balance.credit} /></td>
            <td className={cell} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
