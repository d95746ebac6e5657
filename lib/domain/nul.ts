// Text PostgreSQL cannot store is bad input on every path (API bodies, paths,
// queries and server actions alike), refused before anything runs:
// - U+0000, which a text value cannot hold;
// - an unpaired UTF-16 surrogate (JSON can spell one: "\ud800"), which is no
//   character at all: json refuses it, and text would keep U+FFFD in its place,
//   so what was stored would differ from what was sent and answered.
import { DomainError } from "./errors.ts";

export const NUL_DETAIL = "The request contains a NUL character (U+0000), which Concord cannot store.";
export const NUL_FIELD = "contains a NUL character";
export const SURROGATE_DETAIL = "The request contains an unpaired UTF-16 surrogate (such as \\ud800 without its pair), which is not a character; send valid Unicode text.";
export const SURROGATE_FIELD = "contains an unpaired surrogate";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** Why PostgreSQL cannot store `text` (the problem's detail and the field's message), or null. */
function flaw(text: string): { detail: string; field: string } | null {
  if (text.includes("\0")) return { detail: NUL_DETAIL, field: NUL_FIELD };
  if (LONE_SURROGATE.test(text)) return { detail: SURROGATE_DETAIL, field: SURROGATE_FIELD };
  return null;
}

/** A key as a field path can show it: NUL and unpaired surrogates written as escapes. */
function printable(key: string): string {
  return key.replaceAll("\0", "\\0").replace(LONE_SURROGATES, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

export type Unstorable = { path: string; detail: string; field: string };

/**
 * The first string (key or value) PostgreSQL cannot store: its path ("body" for
 * the value itself), with why; or `null`. Iterative, so a deeply nested body
 * cannot overflow the stack.
 */
export function unstorable(value: unknown): Unstorable | null {
  type Step = { value: unknown; key: string | null; parent: Step | null };
  const at = (step: Step, why: { detail: string; field: string }): Unstorable => {
    const keys: string[] = [];
    for (let node: Step | null = step; node && node.key !== null; node = node.parent) keys.unshift(printable(node.key));
    return { path: keys.length ? keys.join(".") : "body", ...why };
  };
  const stack: Step[] = [{ value, key: null, parent: null }];
  while (stack.length) {
    const step = stack.pop()!;
    if (typeof step.value === "string") {
      const why = flaw(step.value);
      if (why) return at(step, why);
    } else if (step.value && typeof step.value === "object") {
      for (const [key, child] of Object.entries(step.value)) {
        const next = { value: child, key, parent: step };
        const why = flaw(key);
        if (why) return at(next, why);
        stack.push(next);
      }
    }
  }
  return null;
}

/** Refuses a value holding text PostgreSQL cannot store, naming where as an `invalid_input` field. */
export function assertStorable(value: unknown): void {
  const flawed = unstorable(value);
  if (flawed) throw new DomainError("invalid_input", flawed.detail, { [flawed.path]: [flawed.field] });
}
