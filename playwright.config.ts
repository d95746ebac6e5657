// End-to-end tests against `next start` (run `npm run test:e2e`, which builds the
// app and passes a freshly seeded DATABASE_URL; `npm test` runs them last).
import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium.ts";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  throw new Error("DATABASE_URL is not set: run the end-to-end tests with `npm run test:e2e` (it prepares a seeded database).");
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  // One retry: the Chromium shipped in @sparticuz/chromium has crashed at launch (SIGSEGV)
  // on this 2-core VM, failing a test that never ran. A test that fails twice fails the run;
  // one that passes on its retry is listed as flaky.
  retries: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: await chromiumLaunchOptions(),
  },
  webServer: {
    // The binary itself, not `npx next`: Playwright stops the server by signalling it.
    command: `node node_modules/next/dist/bin/next start -p ${port}`,
    // next-auth's CSRF endpoint answers as soon as the app can serve requests.
    url: `${baseURL}/api/auth/csrf`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseURL,
      CONCORD_DEMO: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
