/**
 * The floor the full stack is compared with: for each key page, the same route loader (so the same
 * database reads) and a React server render of what it returned, in a plain node:http handler —
 * no Express, no sessions middleware, no Remix document, no i18n of the shell.
 * Started by scripts/bench.ts; `GET /<page index>` with the page user's cookie.
 */
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { type BenchPage } from "./bench-pages";

type RouteModule = { loader?: (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown> };
type ServerBuild = { routes: Record<string, { module: RouteModule }> };

const pages = JSON.parse(process.env.BENCH_PAGES ?? "[]") as BenchPage[];
const port = Number(process.env.PORT ?? 3999);
const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;

async function unwrap(value: unknown): Promise<unknown> {
  if (value instanceof Response) return value.headers.get("Content-Type")?.includes("json") ? value.json() : value.text();
  if (value && typeof value === "object" && "type" in value && (value as { type: string }).type === "DataWithResponseInit") return (value as unknown as { data: unknown }).data;
  return value;
}

/** Any loader result as nested lists and tables: the work React does to render that much data. */
function view(value: unknown, depth = 0): ReactNode {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    return createElement("table", null, createElement("tbody", null, value.map((row, i) => createElement("tr", { key: i }, createElement("td", null, view(row, depth + 1))))));
  }
  if (typeof value === "object") {
    return createElement(
      "dl",
      null,
      Object.entries(value as Record<string, unknown>).map(([key, item]) => createElement("div", { key }, createElement("dt", null, key), createElement("dd", null, view(item, depth + 1)))),
    );
  }
  return String(value);
}

createServer(async (req, res) => {
  try {
    const page = pages[Number((req.url ?? "/").slice(1))];
    const route = page ? build.routes[page.routeId] : undefined;
    if (!page || !route?.module.loader) {
      res.writeHead(404).end();
      return;
    }
    const request = new Request(`http://localhost:${port}${page.path}`, { headers: { cookie: req.headers.cookie ?? "" } });
    const data = await unwrap(await route.module.loader({ request, params: page.params ?? {}, context: {} }));
    const html = renderToString(createElement("main", null, view(data)));
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html>${html}`);
  } catch (error) {
    if (error instanceof Response) res.writeHead(error.status).end();
    else {
      console.error(error);
      res.writeHead(500).end();
    }
  }
}).listen(port, () => console.log(`baseline on ${port}`));
