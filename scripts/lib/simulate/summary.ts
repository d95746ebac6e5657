// The table printed at the end: the year's totals, each month with its close time
// and remainders, and where the service's time went by event type.
import { AMOUNT_SCALE, fromMinor } from "../../../lib/domain/money.ts";
import { duration } from "./progress.ts";
import { isClean } from "./reconcile.ts";
import type { SimResult } from "./run.ts";

const n = (value: number) => Math.round(value).toLocaleString("en-US");
const pad = (cells: string[], widths: number[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  return [pad(header, widths), ...rows.map((row) => pad(row, widths))].join("\n");
}

export function formatSummary(result: SimResult, context: string): string {
  const { poster, options } = result;
  const postSeconds = result.months.reduce((sum, m) => sum + m.postSeconds, 0);
  const closes = result.months.map((m) => m.close.ms);
  const out: string[] = [];
  out.push(`Concord simulate: ${n(options.skus)} SKUs, ${options.months} months, target ${n(options.events)} events, seed ${options.seed}, concurrency ${options.concurrency}`);
  out.push(context, "");
  out.push(table(["", "value"], [
    ["events posted", n(poster.posted)],
    ["ledger rows", n(poster.rows)],
    ["refused (counted, not errors)", n(poster.refused)],
    ["approvals requested / approved / rejected", `${n(poster.approvals.requested)} / ${n(poster.approvals.approved)} / ${n(poster.approvals.rejected)}`],
    ["requests still waiting at the end", n(result.waiting)],
    ["wall time", duration(result.seconds * 1000)],
    ["events/s (whole run)", n(poster.posted / result.seconds)],
    ["events/s (posting only)", n(poster.posted / Math.max(0.001, postSeconds))],
    ["slowest close", `${n(Math.max(0, ...closes))} ms`],
  ]));
  out.push("", table(
    ["month", "events", "refused", "approvals", "events/s", "close ms", "SKUs checked", "check s", "unexplained units", "unexplained money", "close drift", "verdict"],
    result.months.map((m) => [
      m.period, n(m.events), n(m.refused), n(m.approvals), n(m.events / Math.max(0.001, m.postSeconds)), m.close.error ? "FAILED" : n(m.close.ms),
      m.check ? n(m.check.skus) : "—", m.check ? (m.check.ms / 1000).toFixed(1) : "—",
      m.check ? n(m.check.units) : "—", m.check ? fromMinor(m.check.cents, AMOUNT_SCALE) : "—", m.check ? n(m.check.drift) : "—",
      m.close.error === null && m.check && isClean(m.check) ? "ok" : "FAIL",
    ]),
  ));
  for (const m of result.months) {
    if (m.close.error) out.push(`${m.period}: close refused: ${m.close.error}`);
    if (m.check && !isClean(m.check)) {
      out.push(`${m.period}: ${m.check.listFailing} SKU(s) failing in the reconciliation list; for example ${m.check.examples.join(", ")}`);
    }
  }
  const types = [...poster.byType.entries()].sort(([, a], [, b]) => b.ms - a.ms);
  out.push("", table(["event type (service time)", "count", "mean ms", "share of time"], types.map(([type, t]) => {
    const total = types.reduce((sum, [, x]) => sum + x.ms, 0);
    return [type, n(t.count), (t.ms / t.count).toFixed(1), `${((t.ms / total) * 100).toFixed(1)}%`];
  })));
  if (poster.refusals.size) {
    out.push("", table(["refused: type and code", "count"], [...poster.refusals.entries()].sort(([, a], [, b]) => b - a).map(([key, count]) => [key, n(count)])));
  }
  const failed = result.months.some((m) => m.close.error !== null || (m.check !== null && !isClean(m.check)));
  if (result.ok) out.push("", "Every month closed with every identity at 0 units and 0.00 unexplained.");
  else if (failed) out.push("", "FAILED: a close failed or an identity has an unexplained remainder.");
  else out.push("", `INCOMPLETE: ${result.months.length} of ${options.months} months ran; those closed and checked show nothing unexplained.`);
  return out.join("\n");
}
