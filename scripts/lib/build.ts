// The production build in .next: whether it is stale, and whether a running demo
// serves it (then `next build` would replace it under the demo's feet).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DATA_DIR, ROOT } from "./target-db.ts";

const INPUTS = ["app", "components", "lib", "prisma", "public", "styles", "hooks", "next.config.ts", "next.config.mjs", "proxy.ts",
  "middleware.ts", "instrumentation.ts", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];

function newestSource(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // The generated client follows prisma/schema.prisma; its files are rewritten by every `generate`.
  if (entry === path.join("lib", "generated")) return 0;
  return readdirSync(full).reduce((newest, child) => Math.max(newest, newestSource(path.join(entry, child))), stat.mtimeMs);
}

/** The build is stale when any input of `next build` is newer than .next/BUILD_ID. */
export function buildIsStale(): boolean {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  return Math.max(...INPUTS.map(newestSource)) > statSync(buildId).mtimeMs;
}

/** Why `next build` must not run now (`npm run demo` serving .next), or null. */
export function demoServingBuild(): string | null {
  const lock = path.join(DATA_DIR, "demo.json");
  if (!existsSync(lock)) return null;
  try {
    const { pid, url, dev } = JSON.parse(readFileSync(lock, "utf8")) as { pid: number; url: string; dev: boolean };
    if (dev) return null;
    process.kill(pid, 0);
    return `npm run demo is serving .next at ${url} (pid ${pid}); stop it before building, or use --skip build`;
  } catch {
    return null;
  }
}
