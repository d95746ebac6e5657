"use server";
import { screenEventAction } from "@/lib/server/ledger/screen-outcome";

/** Posts one finance event from the Record screen: a purchase order, a supplier invoice, a standard cost change or a write-off. */
export const financeEventAction = screenEventAction("finance");
