// A password never travels in a URL: the sign-in form posts to a server action,
// and a GET of /login that carries one is redirected without it.
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/server/session", () => ({ currentUser: async () => null }));

async function redirectOf(query: Record<string, string | string[]>): Promise<string | null> {
  const { default: LoginPage } = await import("../../app/login/page.tsx");
  try {
    await LoginPage({ searchParams: Promise.resolve(query) });
    return null;
  } catch (error) {
    // next/navigation's redirect throws; its digest carries the target.
    const digest = String((error as { digest?: string }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2];
  }
}

describe("GET /login", () => {
  it("with a password in the query redirects to /login without it", async () => {
    process.env.DATABASE_URL ??= "postgresql://unused/unused";
    process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-42";
    expect(await redirectOf({ email: "sales@concord.test", password: "concord-demo" })).toBe("/login?email=sales%40concord.test");
    expect(await redirectOf({ password: "concord-demo" })).toBe("/login");
  });

  it("without one renders the form", async () => {
    expect(await redirectOf({ email: "sales@concord.test" })).toBeNull();
  });
});
