import { z } from "zod";

// Zod's default messages are written for developers ("Invalid input: expected string,
// received undefined"); the API's per-field `errors` and the screens' field messages
// are read by people. Messages a schema states itself still win over these.
const typeNames: Record<string, string> = { string: "text", number: "a number", int: "a whole number", boolean: "true or false", array: "a list", object: "an object", date: "a date" };

/** A bound as people write it: 1,000,000. */
const n = (value: unknown) => Number(value).toLocaleString("en");

z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "invalid_type":
        return issue.input === undefined ? "required" : `must be ${typeNames[issue.expected] ?? issue.expected}`;
      case "too_big":
        if (issue.origin === "string") return `must be at most ${n(issue.maximum)} characters`;
        if (issue.origin === "array" || issue.origin === "set") return `must hold at most ${n(issue.maximum)} items`;
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return `must be at most ${n(issue.maximum)}`;
        return undefined;
      case "too_small":
        if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "required" : `must be at least ${n(issue.minimum)} characters`;
        if (issue.origin === "array" || issue.origin === "set") return `must hold at least ${n(issue.minimum)} item${Number(issue.minimum) === 1 ? "" : "s"}`;
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return `must be at least ${n(issue.minimum)}`;
        return undefined;
      case "unrecognized_keys":
        return `${issue.keys.length === 1 ? "is not a field" : "are not fields"} here: ${issue.keys.join(", ")}`;
      case "invalid_value":
        return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
      default:
        return undefined;
    }
  },
});
