// An identity as waterfall steps: left, down by each bucket, then the unexplained
// remainder (only when there is one), landing on right.
import type { Identity } from "@/lib/domain/reconciliation/types";
import { isZero } from "@/lib/domain/reconciliation/reconcile";
import type { Step } from "./waterfall-chart";
import { amountText } from "./format";

// Plotting only: money becomes a Number for the bar's length, never for a figure shown.
const plot = (value: number | string) => Number(value);

export function stepsOf(identity: Identity): Step[] {
  let running = plot(identity.left);
  const steps: Step[] = [{ label: identity.leftLabel, amount: amountText(identity.left), kind: "total", from: 0, to: running }];
  for (const bucket of identity.buckets) {
    const amount = bucket.qty ?? bucket.value ?? 0;
    steps.push({ label: bucket.label, amount: amountText(amount), kind: "bucket", from: running, to: running - plot(amount) });
    running -= plot(amount);
  }
  if (!isZero(identity.unexplained)) {
    steps.push({ label: "Unexplained", amount: amountText(identity.unexplained), kind: "remainder", from: running, to: running - plot(identity.unexplained) });
  }
  steps.push({ label: identity.rightLabel, amount: amountText(identity.right), kind: "total", from: 0, to: plot(identity.right) });
  return steps;
}
