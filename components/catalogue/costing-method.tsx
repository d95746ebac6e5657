import type { CostingMethod } from "@/lib/generated/prisma/enums";
import { Badge, type BadgeTone } from "@/components/ui/badge";

export const COSTING_LABEL: Record<CostingMethod, string> = {
  fifo: "FIFO",
  average: "Weighted average",
  standard: "Standard",
};

const TONE: Record<CostingMethod, BadgeTone> = { fifo: "info", average: "neutral", standard: "warning" };

export function CostingMethodBadge({ method }: { method: CostingMethod }) {
  return <Badge tone={TONE[method]}>{COSTING_LABEL[method]}</Badge>;
}
