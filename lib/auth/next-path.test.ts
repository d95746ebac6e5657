import { describe, expect, it } from "vitest";
import { loginPath, safeNextPath } from "./next-path.ts";

describe("safeNextPath", () => {
  it.each([
    ["/admin/tokens", "/admin/tokens"],
    ["/sales?q=chair&page=2", "/sales?q=chair&page=2"],
    ["/finance#costs", "/finance#costs"],
    ["/admin/../finance", "/finance"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    ["protocol-relative", "//evil.example/x"],
    ["backslash after the slash", "/\\evil.example"],
    ["backslash later on", "/a\\..\\\\evil.example"],
    ["absolute URL", "https://evil.example/admin"],
    ["javascript URL", "javascript:alert(1)"],
    ["relative without a slash", "admin"],
    ["tab smuggled in", "/\t/evil.example"],
    ["newline smuggled in", "/\n/evil.example"],
    ["empty", ""],
    ["not a string", ["/admin"]],
    ["the login page itself", "/login?next=/admin"],
    ["an API route", "/api/v1/skus"],
    ["too long", `/${"a".repeat(2001)}`],
  ])("refuses %s", (_name, value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});

describe("loginPath", () => {
  it("carries a safe path and drops anything else", () => {
    expect(loginPath("/admin/tokens?page=2")).toBe("/login?next=%2Fadmin%2Ftokens%3Fpage%3D2");
    expect(loginPath("//evil.example")).toBe("/login");
    expect(loginPath("/")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
  });
});
