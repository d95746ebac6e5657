// "Available is defined once": the overview's registry of ATP callers is checked
// against the source tree, so the dashboard cannot claim what the code does not do.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ATP_CALLERS, ATP_FORMULA, ATP_MODULE } from "../../components/overview/atp-registry.ts";

const root = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["lib", "app", "components", "prisma", "scripts"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const files = SOURCE_DIRS.flatMap(sourceFiles).filter((file) => file !== ATP_MODULE);
// An import of lib/domain/atp.ts by alias or relative path, with or without its extension.
const IMPORTS_ATP = /from\s+["'](?:@\/lib\/domain\/atp|(?:\.{1,2}\/)+(?:lib\/)?(?:domain\/)?atp)(?:\.ts)?["']/;

describe("the ATP registry", () => {
  const importers = files.filter((file) => IMPORTS_ATP.test(readFileSync(path.join(root, file), "utf8"))).sort();

  it("lists exactly the modules that import lib/domain/atp.ts", () => {
    expect(ATP_CALLERS.map((c) => c.module).sort()).toEqual(importers);
  });

  it("each listed module calls the functions it is said to use", () => {
    for (const caller of ATP_CALLERS) {
      const text = readFileSync(path.join(root, caller.module), "utf8");
      for (const fn of caller.uses) expect(text, `${caller.module} uses ${fn}`).toMatch(new RegExp(`\\b${fn}\\(`));
    }
  });

  it("no other module writes the formula out again", () => {
    const again = files.filter((file) => /available\w*\s*-\s*[\w.]*safety_?stock/i.test(readFileSync(path.join(root, file), "utf8")));
    expect(again).toEqual([]);
    expect(readFileSync(path.join(root, ATP_MODULE), "utf8")).toMatch(/available - input\.safetyStock - otherFences/);
  });

  it("shows the formula the model documents", () => {
    expect(readFileSync(path.join(root, "docs/model.md"), "utf8")).toContain(ATP_FORMULA);
  });
});
