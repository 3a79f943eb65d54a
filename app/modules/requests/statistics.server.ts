import { type NotNull } from "kysely";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { vietnamDay } from "~/modules/i18n/format";
import { db } from "~/utils/db.server";
import { type Period, type StatInput, monthPeriod, periodAsOf, periodStatistics, yearPeriod } from "./statistics";
import { type RequestState } from "./workflow";

// Ids per `in (...)` list, well under SQLite's limit on bound variables.
const ID_CHUNK = 500;

function decisionOf(state: RequestState): StatInput["decision"] {
  if (state === "approved" || state === "completed") return "approved";
  if (state === "rejected" || state === "withdrawn") return state;
  return null;
}

/** The submitted requests that can count in the period, with their transitions. */
async function loadStatInputs(period: Period, today: string): Promise<StatInput[]> {
  const asOf = periodAsOf(period, today);
  if (asOf < period.from) return [];
  const requests = await db()
    .selectFrom("support_request")
    .where("state", "!=", "draft")
    .where("submitted_on", "is not", null)
    .where("deadline_on", "is not", null)
    .where("submitted_on", "<=", asOf)
    .where((eb) => eb.or([eb("decided_on", "is", null), eb("decided_on", ">=", period.from)]))
    .select(["id", "type", "state", "submitted_on as submittedOn", "deadline_on as deadlineOn", "decided_on as decidedOn", "paused_days as pausedDays", "sla_days as slaDays"])
    .$narrowType<{ submittedOn: NotNull; deadlineOn: NotNull }>()
    .orderBy("id")
    .execute();

  const transitions = new Map<number, StatInput["transitions"]>(requests.map((r) => [r.id, []]));
  for (let start = 0; start < requests.length; start += ID_CHUNK) {
    const ids = requests.slice(start, start + ID_CHUNK).map((r) => r.id);
    const entries = await db()
      .selectFrom("request_entry")
      .where("kind", "=", "transition")
      .where("to_state", "is not", null)
      .where("request_id", "in", ids)
      .select(["request_id as requestId", "to_state as toState", "at"])
      .$narrowType<{ toState: NotNull }>()
      .orderBy("id")
      .execute();
    for (const entry of entries) transitions.get(entry.requestId)?.push({ toState: entry.toState, on: vietnamDay(new Date(entry.at)) });
  }

  return requests.map((r) => {
    const decision = decisionOf(r.state);
    return {
      type: r.type,
      submittedOn: r.submittedOn,
      deadlineOn: r.deadlineOn,
      decidedOn: decision === null ? null : r.decidedOn,
      decision: r.decidedOn === null ? null : decision,
      pausedDays: r.pausedDays,
      slaDays: r.slaDays,
      transitions: transitions.get(r.id) ?? [],
    };
  });
}

export async function requestStatistics(period: Period, today: string) {
  const [requests, calendar] = await Promise.all([loadStatInputs(period, today), currentHolidayCalendar()]);
  return periodStatistics(calendar, requests, period, today);
}

/** The twelve months' totals for the chart and table, from one load of the year. */
export async function monthlySeries(year: number, today: string) {
  const [requests, calendar] = await Promise.all([loadStatInputs(yearPeriod(year), today), currentHolidayCalendar()]);
  return Array.from({ length: 12 }, (_, index) => {
    const period = monthPeriod(year, index + 1);
    const { total } = periodStatistics(calendar, requests, period, today);
    return {
      month: index + 1,
      period,
      received: total.received,
      resolvedEarly: total.resolvedEarly,
      resolvedOnTime: total.resolvedOnTime,
      resolvedLate: total.resolvedLate,
      onTimeShare: total.onTimeShare,
    };
  });
}
