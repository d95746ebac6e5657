// PostgreSQL text cannot hold U+0000: a NUL anywhere in input is refused as bad
// input on every path (API bodies, paths, queries and server actions alike).
export const NUL_DETAIL = "The request contains a NUL character (U+0000), which Concord cannot store.";
export const NUL_FIELD = "contains a NUL character";

/**
 * The path of the first string (key or value) holding U+0000, which PostgreSQL
 * text cannot store, or `null`. Iterative, so a deeply nested body cannot
 * overflow the stack.
 */
export function nulPath(value: unknown): string | null {
  type Step = { value: unknown; key: string | null; parent: Step | null };
  const pathOf = (step: Step): string => {
    const keys: string[] = [];
    for (let at: Step | null = step; at && at.key !== null; at = at.parent) keys.unshift(at.key.replaceAll("\0", "\\0"));
    return keys.length ? keys.join(".") : "body";
  };
  const stack: Step[] = [{ value, key: null, parent: null }];
  while (stack.length) {
    const step = stack.pop()!;
    if (typeof step.value === "string") {
      if (step.value.includes("\0")) return pathOf(step);
    } else if (step.value && typeof step.value === "object") {
      for (const [key, child] of Object.entries(step.value)) {
        const next = { value: child, key, parent: step };
        if (key.includes("\0")) return pathOf(next);
        stack.push(next);
      }
    }
  }
  return null;
}
