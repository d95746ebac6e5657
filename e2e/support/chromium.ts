// A Chromium that needs no download: CHROMIUM_PATH, else the system's, else the one
// packed in @sparticuz/chromium (unpacked once into a project-local folder).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { LaunchOptions } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "../..");

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

// @sparticuz/chromium's flags are tuned for AWS Lambda. These would make the tests
// less faithful or break them: one process dies with the first closed context, and
// a browser without same-origin rules would hide real bugs.
const LAMBDA_ONLY = new Set(["--single-process", "--disable-web-security", "--allow-running-insecure-content", "--headless='shell'"]);

export async function chromiumLaunchOptions(): Promise<LaunchOptions> {
  const configured = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  if (configured) return { executablePath: configured, headless: true, args: FLAGS };

  // It unpacks into os.tmpdir() and reuses any `chromium` already there, whatever its
  // version (stack-notes trap 9): give it a folder of its own, named after the version.
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "node_modules/@sparticuz/chromium/package.json"), "utf8")) as { version: string };
  const dir = path.join(ROOT, ".tmp", `chromium-${version}`);
  mkdirSync(dir, { recursive: true });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    const { default: Chromium } = await import("@sparticuz/chromium");
    const executablePath = await Chromium.executablePath();
    return { executablePath, headless: true, args: [...Chromium.args.filter((arg) => !LAMBDA_ONLY.has(arg)), ...FLAGS] };
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}
