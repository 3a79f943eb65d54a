import { type BusinessScope } from "~/utils/auth.server";
import { type Queryable, db } from "~/utils/db.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { LEGAL_PURPOSES } from "~/modules/legal/rules";
import { type RegisterFacts } from "./live-data";

/** The register's answers to the checklist, counted in SQL: a handful of aggregates, whatever its size. */
export async function registerFacts(scope: Pick<BusinessScope, "businessId">, today: string, q: Queryable = db()): Promise<RegisterFacts> {
  const listed = (await legalCatalogue(q, today)).listedTypeIds();
  const instruments = await q
    .selectFrom("instrument")
    .where("business_id", "=", scope.businessId)
    .where("status", "=", "in_service")
    .select((eb) => {
      // Group 2: a type on the list, used for a purpose the law controls (Law on Metrology Art. 16).
      const group2 = eb.and([eb("type_id", "in", listed.length ? listed : [""]), eb("purpose", "in", LEGAL_PURPOSES)]);
      const own = eb("own_interval_months", "is not", null);
      return [
        eb.fn.countAll<number>().as("inService"),
        eb.fn.sum<number>(eb.case().when("responsible_person", "=", "").then(1).else(0).end()).as("withoutResponsible"),
        eb.fn.sum<number>(eb.case().when(group2).then(1).else(0).end()).as("group2InService"),
        eb.fn.sum<number>(eb.case().when(eb.and([group2, eb("legal_due_on", ">=", today)])).then(1).else(0).end()).as("group2Compliant"),
        eb.fn.sum<number>(eb.case().when(own).then(1).else(0).end()).as("ownIntervalInService"),
        eb.fn.sum<number>(eb.case().when(eb.and([own, eb("own_due_on", ">=", today)])).then(1).else(0).end()).as("ownIntervalCompliant"),
      ];
    })
    .executeTakeFirstOrThrow();
  const events = await q
    .selectFrom("instrument_event")
    .where("business_id", "=", scope.businessId)
    .where("kind", "!=", "override")
    .where("result", "in", ["pass", "adjusted"])
    .select((eb) => [eb.fn.countAll<number>().as("passing"), eb.fn.count<number>("certificate_file_id").as("withFile")])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    inService: n(instruments.inService),
    withoutResponsible: n(instruments.withoutResponsible),
    group2InService: n(instruments.group2InService),
    group2Compliant: n(instruments.group2Compliant),
    ownIntervalInService: n(instruments.ownIntervalInService),
    ownIntervalCompliant: n(instruments.ownIntervalCompliant),
    passingEvents: n(events.passing),
    eventsWithCertificate: n(events.withFile),
  };
}
