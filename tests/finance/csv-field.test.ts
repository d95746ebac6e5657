// The journal export's fields: RFC 4180 quoting, and typed text a spreadsheet would run as a formula kept as text.
import { describe, expect, it } from "vitest";
import { csvField } from "../../lib/server/views/finance/journal.ts";

describe("csvField", () => {
  it.each([
    ["PO-1001", "PO-1001"],
    ["PO,1001", '"PO,1001"'],
    ['say "hi"', '"say ""hi"""'],
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1+1", "'+1+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["12.50", "12.50"],
  ])("%s → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("leaves numbers as they are", () => {
    expect(csvField(-3)).toBe("-3");
  });
});
