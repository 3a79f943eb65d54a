// The public legal-basis page: every document the portal relies on, and the group-2 list as DOST
// keeps it, with each row's source and confidence.
import { describe, expect, test } from "vitest";
import { legalSources } from "~/modules/legal/sources";
import { loader } from "~/routes/legal";
import { action as typeAction } from "~/routes/dost.legal.$typeId";
import { buildRequest, createUser, requestAs, run } from "../helpers";

type Page = {
  documents: { id: string; basis: string }[];
  notices: string[];
  listed: { id: string; listItem: string | null; rows: { effectiveFrom: string; cycleMonths: number | null; citation: string; basis: string; note: string }[] }[];
  unlisted: string[];
};

describe("the legal basis page", () => {
  test("is public, names every document with its confidence and warns of the newer circular", async () => {
    const outcome = await run(loader, buildRequest("/legal"));
    expect(outcome.status).toBe(200);
    const page = outcome.data as Page;
    expect(page.documents.map((d) => d.id)).toEqual(legalSources.documents.map((d) => d.id));
    for (const id of ["law-metrology", "circular-07-2019", "circular-04-2026", "decree-61-2018", "labour-code", "resolution-1668", "tax-codes", "plan-155"]) {
      expect(page.documents.some((d) => d.id === id), id).toBe(true);
    }
    expect(page.notices.join(" ")).toContain("04/2026/TT-BKHCN");
  });

  test("shows each listed type's rows back to 2013 with document, article, item and confidence", async () => {
    const page = (await run(loader, buildRequest("/legal"))).data as Page;
    const meter = page.listed.find((t) => t.id === "electricity-meter-3-phase-electronic")!;
    expect(meter.listItem).toBe("43");
    expect(meter.rows.map((r) => [r.effectiveFrom, r.cycleMonths, r.basis])).toEqual([
      ["2013-11-15", 24, "inferred"],
      ["2020-01-01", 36, "confirmed"],
    ]);
    expect(meter.rows[1]!.citation).toContain("07/2019/TT-BKHCN");
    expect(meter.rows[1]!.citation).toContain("mục 43");
    const balance = page.listed.find((t) => t.id === "analytical-balance")!;
    expect(balance.rows.at(-1)!.note).toContain("04/2026");
    expect(page.unlisted.length).toBeGreaterThan(5);
  });

  test("a row a DOST admin saves shows on the page at once", async () => {
    const admin = await createUser("dost_admin", null);
    const form = {
      intent: "saveRow",
      effectiveFrom: "2026-04-15",
      listed: "1",
      controls: ["initialVerification", "periodicVerification", "afterRepairVerification"],
      cycleMonths: "24",
      document: "Thông tư 04/2026/TT-BKHCN",
      article: "Điều 4",
      item: "mục 5",
      basis: "confirmed",
      note: "Đã đối chiếu bản chính thức (thử).",
    };
    const saved = await run(typeAction, await requestAs(admin.id, "/dost/legal/total-station", { form }), { typeId: "total-station" });
    expect(saved.status).toBe(302);
    const page = (await run(loader, buildRequest("/legal"))).data as Page;
    const station = page.listed.find((t) => t.id === "total-station")!;
    expect(station.rows.at(-1)).toMatchObject({ effectiveFrom: "2026-04-15", cycleMonths: 24, basis: "confirmed" });
  });
});
