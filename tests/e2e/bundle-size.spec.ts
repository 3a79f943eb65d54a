import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

// PRODUCT §5: first-load JavaScript under 150 KB gzipped on every page.
const BUDGET_BYTES = 150 * 1024;

type RouteAssets = { id: string; parentId?: string; module: string; imports?: string[] };
type Assets = { entry: { module: string; imports: string[] }; routes: Record<string, RouteAssets> };

test("every page's first load stays under 150 KB of gzipped JavaScript", async () => {
  // Runs after `npm run build`, like the other browser tests; the server build lists each route's chunks.
  const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as { assets: Assets };
  const { entry, routes } = build.assets;
  const gzipped = new Map<string, number>();
  const size = (asset: string) => {
    if (!gzipped.has(asset)) gzipped.set(asset, gzipSync(readFileSync(resolve("build/client", `.${asset}`)), { level: 9 }).length);
    return gzipped.get(asset)!;
  };
  const totals: Array<{ route: string; kb: number }> = [];
  for (const route of Object.values(routes)) {
    // A page loads the entry, then its own route module and every ancestor's, with their imports.
    const chunks = new Set([entry.module, ...entry.imports]);
    for (let current: RouteAssets | undefined = route; current; current = current.parentId ? routes[current.parentId] : undefined) {
      chunks.add(current.module);
      for (const chunk of current.imports ?? []) chunks.add(chunk);
    }
    const bytes = [...chunks].reduce((sum, chunk) => sum + size(chunk), 0);
    totals.push({ route: route.id, kb: Math.round(bytes / 102.4) / 10 });
  }
  totals.sort((a, b) => b.kb - a.kb);
  console.log(`Heaviest first loads (KB gzipped): ${totals.slice(0, 5).map((t) => `${t.route} ${t.kb}`).join(", ")}`);
  expect(totals.filter((t) => t.kb * 1024 > BUDGET_BYTES)).toEqual([]);
});
