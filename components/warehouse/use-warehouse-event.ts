"use client";

import { warehouseEventAction } from "@/app/actions/warehouse-actions";
import { useEventForm, type Feedback } from "@/components/forms/use-event-form";

export type { Feedback };

/** Posts one warehouse event per form submission (components/forms/use-event-form.ts). */
export function useWarehouseEvent(options: { onDone?: (feedback: Feedback) => void } = {}) {
  return useEventForm(warehouseEventAction, options);
}
