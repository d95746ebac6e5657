// "Available" is defined once: lib/domain/atp.ts. This registry names the modules
// that call it, for the overview to show; tests/overview/atp-registry.test.ts
// greps the source tree and fails when a module imports atp.ts without being
// listed here, when a listed one no longer does, or when the formula appears
// written out anywhere else. Keep it in step when you add a caller.

/** The formula as documented (docs/model.md §5, inventory-model §4); the test checks the model doc still says exactly this. */
export const ATP_FORMULA = "ATP(c) = AVAILABLE − safety stock − Σ other channels' unconsumed fences";
export const ATP_FENCE = "a fence is consumed first by its own channel's committed units (RESERVED + PICKED + PACKED)";
export const ATP_MODULE = "lib/domain/atp.ts";
export const ATP_FUNCTIONS = ["atpToday", "unconsumedFence", "atpInputAt"] as const;

export type AtpCaller = { module: string; uses: (typeof ATP_FUNCTIONS)[number][]; purpose: string };

export const ATP_CALLERS: AtpCaller[] = [
  { module: "lib/domain/sales/availability.ts", uses: ["atpToday", "unconsumedFence"], purpose: "the sales view: ATP today, the dated curve, promise dates, why ATP is below on hand" },
  { module: "lib/server/views/sales.ts", uses: ["unconsumedFence"], purpose: "each channel's fence and what is left of it on the sales SKU page" },
  { module: "lib/domain/plan/outbound.ts", uses: ["atpInputAt", "atpToday"], purpose: "a reservation is refused beyond its channel's ATP at the location" },
  { module: "lib/domain/plan/checks.ts", uses: ["atpInputAt", "atpToday"], purpose: "a reversal may not push any channel's ATP below zero" },
  { module: "lib/domain/warehouse/rebalance.ts", uses: ["atpToday"], purpose: "what a location can spare for a transfer" },
  { module: "prisma/demo-history/sim.ts", uses: ["atpInputAt", "atpToday"], purpose: "the demo's order simulator reserves within ATP" },
  { module: "scripts/lib/simulate/world.ts", uses: ["atpInputAt", "atpToday"], purpose: "the simulated year's orders reserve within ATP" },
];
