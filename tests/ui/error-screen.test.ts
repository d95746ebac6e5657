import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorMessage, ErrorScreen, errorDigest, probeDatabase } from "@/components/shell/error-screen";

const retry = () => {};

/** A fetch that answers `status` (or fails) and records what it was asked. */
function fakeFetch(status: number | "fail") {
  const calls: { url: string; method?: string }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method });
    if (status === "fail") throw new TypeError("Failed to fetch");
    return new Response(null, { status });
  }) as typeof fetch;
  return { fetcher, calls };
}

describe("probeDatabase", () => {
  it("asks HEAD /api/live, which opens no stream", async () => {
    const { fetcher, calls } = fakeFetch(200);
    await probeDatabase(fetcher);
    expect(calls).toEqual([{ url: "/api/live", method: "HEAD" }]);
  });

  it("calls a 503 an outage and anything else not", async () => {
    expect(await probeDatabase(fakeFetch(503).fetcher)).toBe("outage");
    for (const status of [200, 401, 403, 500] as const) expect(await probeDatabase(fakeFetch(status).fetcher), String(status)).toBe("other");
    // The app server itself out of reach is not its database's outage.
    expect(await probeDatabase(fakeFetch("fail").fetcher)).toBe("other");
  });
});

describe("the error screen", () => {
  it("names a database outage and offers a retry, without the digest", () => {
    const html = renderToStaticMarkup(createElement(ErrorMessage, { kind: "outage", digest: "4242", retry }));
    expect(html).toContain("Concord can&#x27;t reach its database right now");
    expect(html).toMatch(/<button[^>]*>Retry<\/button>/);
    expect(html).not.toContain("4242");
  });

  it("gives any other error a generic message with the digest to quote", () => {
    const html = renderToStaticMarkup(createElement(ErrorMessage, { kind: "other", digest: "4242", retry }));
    expect(html).toContain("Something went wrong");
    expect(html).not.toContain("database right now");
    expect(html).toContain("4242");
    expect(html).toMatch(/<button[^>]*>Retry<\/button>/);
  });

  it("never shows the error's message or stack", () => {
    const error = Object.assign(new Error("password authentication failed for user concord at 10.0.0.5"), { digest: "777" });
    const html = renderToStaticMarkup(createElement(ErrorScreen, { error, retry }));
    expect(html).toContain('data-kind="checking"');
    expect(html).not.toContain("password");
    expect(html).not.toContain("10.0.0.5");
    expect(html).not.toContain("error-screen.test");
  });

  it("reads the digest only where Next.js puts one", () => {
    expect(errorDigest(Object.assign(new Error("x"), { digest: "123" }))).toBe("123");
    expect(errorDigest(new Error("x"))).toBeNull();
    expect(errorDigest("thrown string")).toBeNull();
    expect(errorDigest(null)).toBeNull();
  });
});
