// The demo business, simulated: purchasing, receiving, selling, fulfilling,
// returns, damage, transfers and counts over the last N days. Every decision is
// taken against the ledger mirror, so each event it posts fits the stock it finds.
// Each concern lives in its own module; this is the face the seed sees.
import { DAY, startOfDay, type Agenda } from "./calendar.ts";
import type { Db } from "../../lib/server/sql.ts";
import { checkEnding } from "./finale.ts";
import type { Ledger } from "./ledger.ts";
import type { FenceRow, PolicyRow } from "./plans.ts";
import { scheduleHistory } from "./routine.ts";
import { Sim, type HistoryReport } from "./sim.ts";

export type { FenceRow, PolicyRow } from "./plans.ts";
export type { HistoryReport } from "./sim.ts";

export class Business {
  readonly agenda: Agenda;
  readonly policies: PolicyRow[];
  readonly fences: FenceRow[];
  readonly report: HistoryReport;
  private readonly sim: Sim;

  constructor(ledger: Ledger, options: { days: number; seed: number }) {
    this.sim = new Sim(ledger, options);
    this.agenda = this.sim.agenda;
    this.policies = this.sim.policies;
    this.fences = this.sim.fences;
    this.report = this.sim.report;
  }

  /** Puts the whole history on the agenda; run() then plays it up to now. */
  schedule() {
    scheduleHistory(this.sim);
  }

  /** Plays the agenda up to now, one transaction per business day. */
  async run(transaction: (work: (tx: Db) => Promise<void>) => Promise<void>) {
    const { agenda, ledger, end } = this.sim;
    for (;;) {
      const first = agenda.peek();
      if (!first || first.at > end) break;
      const dayEnd = startOfDay(first.at) + DAY;
      await transaction(async (tx) => {
        ledger.tx = tx;
        try {
          for (;;) {
            const task = agenda.peek();
            if (!task || task.at >= dayEnd || task.at > end) break;
            agenda.pop();
            await task.run(task.at);
          }
        } finally {
          ledger.tx = null;
        }
      });
    }
    checkEnding(this.sim);
  }
}
