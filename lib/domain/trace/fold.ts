// A SKU's timeline with each event's effect and the views' numbers after it.
import { addTotals, effectOf } from "./effects.ts";
import type { TraceGroupInput, TracedGroup, ViewTotals } from "./types.ts";

/**
 * Folds event groups, in posting order, from the totals before the first. Where
 * a group brings its own `before` (the server knows it when a filter hides the
 * events in between), the running totals restart there, so every row's "after"
 * is the SKU's true view at that point, whatever is shown.
 */
export function foldTrace<G extends TraceGroupInput>(
  opening: ViewTotals,
  groups: readonly G[],
  fobShippingPoint: ReadonlySet<string>,
): TracedGroup<G>[] {
  let running = opening;
  return groups.map((group) => {
    const effect = effectOf(group.legs, group.lines, fobShippingPoint);
    const after = addTotals(group.before ?? running, effect);
    running = after;
    return { ...group, effect, after };
  });
}
