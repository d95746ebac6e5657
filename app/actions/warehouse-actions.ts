"use server";
import { screenEventAction } from "@/lib/server/ledger/screen-outcome";

/** Posts one warehouse event from a screen. */
export const warehouseEventAction = screenEventAction("warehouse");
