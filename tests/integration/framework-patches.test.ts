import { matchPath, matchRoutes } from "@remix-run/router";
import { createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { expect, test } from "vitest";

// patches/ makes the server build its route tables once instead of on every request; these check
// that the kept tables answer exactly as fresh ones would.

test("route matching keeps one ranked table per route tree, not one for every tree", () => {
  const business = [{ id: "business", path: "business", children: [{ id: "instrument", path: "instruments/:id" }, { id: "list", path: "instruments" }] }];
  const dost = [{ id: "dost", path: "dost", children: [{ id: "queue", path: "requests" }] }];
  for (let i = 0; i < 3; i++) {
    expect(matchRoutes(business, "/business/instruments/7")?.map((m) => [m.route.id, m.params.id])).toEqual([["business", "7"], ["instrument", "7"]]);
    expect(matchRoutes(business, "/business/instruments")?.map((m) => m.route.id)).toEqual(["business", "list"]);
    expect(matchRoutes(dost, "/dost/requests")?.map((m) => m.route.id)).toEqual(["dost", "queue"]);
    expect(matchRoutes(dost, "/business/instruments")).toBeNull();
  }
});

test("a kept path pattern still respects case sensitivity and partial matches", () => {
  expect(matchPath({ path: "/Dost", caseSensitive: true }, "/dost")).toBeNull();
  expect(matchPath({ path: "/Dost", caseSensitive: false }, "/dost")).not.toBeNull();
  expect(matchPath({ path: "/dost", end: false }, "/dost/requests")).not.toBeNull();
  expect(matchPath({ path: "/dost", end: true }, "/dost/requests")).toBeNull();
});

test("the static router built from a kept route tree shows each request's own matches", async () => {
  const routes = [{ id: "root", path: "/", children: [{ id: "a", path: "a" }, { id: "b", path: "b" }] }];
  const handler = createStaticHandler(routes);
  for (const path of ["/a", "/b", "/a"]) {
    const context = await handler.query(new Request(`http://localhost${path}`));
    if (context instanceof Response) throw new Error("unexpected response");
    const router = createStaticRouter(handler.dataRoutes, context);
    expect(router.state.matches.map((m) => m.route.id)).toEqual(["root", path.slice(1)]);
    expect(router.state.location.pathname).toBe(path);
  }
});

test("the patches are applied: a route tree is read once, when first matched", () => {
  const routes = [{ id: "a", path: "a" }];
  expect(matchRoutes(routes, "/b")).toBeNull();
  routes.push({ id: "b", path: "b" });
  // Unpatched, React Router would flatten the tree again and find the added route.
  expect(matchRoutes(routes, "/b")).toBeNull();
  expect(matchRoutes([...routes], "/b")?.map((m) => m.route.id)).toEqual(["b"]);
});
