/** The key pages `npm run bench` measures: who loads them, and which route answers. */
export type BenchUser = "business" | "dost";

export type BenchPage = {
  name: string;
  user: BenchUser;
  /** Path as the browser asks for it; `{instrumentId}` is filled in from the database. */
  path: string;
  routeId: string;
  params?: Record<string, string>;
};

export const BENCH_USERS: Record<BenchUser, string> = { business: "fuel@demo.vn", dost: "reviewer@dost.demo" };

export function benchPages(instrumentId: number, year: number): BenchPage[] {
  return [
    { name: "business home", user: "business", path: "/business", routeId: "routes/business._index" },
    { name: "instruments, page 1", user: "business", path: "/business/instruments", routeId: "routes/business.instruments._index" },
    { name: "instruments, overdue by due date", user: "business", path: "/business/instruments?due=overdue&sort=due", routeId: "routes/business.instruments._index" },
    {
      name: "instrument detail",
      user: "business",
      path: `/business/instruments/${instrumentId}`,
      routeId: "routes/business.instruments.$instrumentId._index",
      params: { instrumentId: String(instrumentId) },
    },
    { name: "schedule", user: "business", path: "/business/schedule", routeId: "routes/business.schedule" },
    { name: "DOST request queue", user: "dost", path: "/dost/requests", routeId: "routes/dost.requests._index" },
    { name: "DOST dashboard", user: "dost", path: `/dost/overview?year=${year}`, routeId: "routes/dost.overview" },
    { name: "annual report", user: "dost", path: `/dost/report?year=${year}`, routeId: "routes/dost.report" },
  ];
}
