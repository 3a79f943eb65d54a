import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListLink } from "~/components/list-link";
import { FilterSelect } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { ClockTag, StateTag } from "~/components/request-parts";
import { localize, sectorIds, sectorsFile } from "~/modules/content/content";
import { communeFilterOptions } from "~/modules/admin-units/units.server";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { type QueueFilter, clockInputOf, queue, reviewers, stateCounts } from "~/modules/requests/queries.server";
import { REQUEST_STATES, REQUEST_TYPES, type RequestState, type RequestType, clockOf } from "~/modules/requests/workflow";
import { requireDostScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

type QueueState = Exclude<RequestState, "draft">;
const QUEUE_STATES = REQUEST_STATES.filter((s): s is QueueState => s !== "draft");
const OPEN_STATES: QueueState[] = ["submitted", "in_review", "needs_information", "answered", "approved"];
const CLOSED_STATES: QueueState[] = ["completed", "rejected", "withdrawn"];
const AGES = ["7", "14", "30", "60"] as const;
const CLOCKS = ["late", "dueSoon", "waiting"] as const;
const SORTS = ["appointment", "newest", "oldest", "updated"] as const;

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null => (allowed.includes(value as T) ? (value as T) : null);

/** The URL is the filter: anything unknown falls back to the default, so every link stays shareable. */
function filterOf(params: URLSearchParams, reviewerIds: readonly number[], communeIds: readonly string[]): QueueFilter {
  const state = params.get("state");
  const assignee = params.get("assignee") ?? "";
  const assigneeId = /^\d{1,9}$/.test(assignee) ? Number(assignee) : null;
  const age = pick(params.get("age"), AGES);
  return {
    state: state === "all" ? "all" : pick(state, QUEUE_STATES) ?? "open",
    type: pick(params.get("type"), REQUEST_TYPES) ?? "",
    sector: pick(params.get("sector"), sectorIds) ?? "",
    commune: pick(params.get("commune"), communeIds) ?? "",
    clock: pick(params.get("clock"), CLOCKS) ?? "",
    olderThanDays: age ? Number(age) : null,
    assignee: assignee === "me" || assignee === "none" ? assignee : assigneeId !== null && reviewerIds.includes(assigneeId) ? assigneeId : "",
    sort: pick(params.get("sort"), SORTS) ?? "appointment",
    page: Math.max(1, Math.min(10_000, Number.parseInt(params.get("page") ?? "1", 10) || 1)),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const today = vietnamDay();
  const team = await reviewers();
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "review");
  const communeChoices = await communeFilterOptions(locale, (label) => t("catalogue:units.former", { label }));
  const filter = filterOf(new URL(request.url).searchParams, team.map((r) => r.id), communeChoices.map((o) => o.value));
  const [result, counts, calendar] = await Promise.all([queue(scope, filter, today), stateCounts(today), currentHolidayCalendar()]);
  return {
    communeChoices,
    title: `${t("queue.title")} — ${t("common:shell.brand")}`,
    filter,
    counts,
    reviewers: team.filter((r) => r.id !== scope.user.id),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    items: result.items.map((row) => {
      const clock = clockOf(calendar, clockInputOf(row), today);
      return {
        id: row.id,
        code: row.code,
        title: row.title,
        type: row.type as RequestType,
        state: row.state,
        businessName: row.businessName,
        assigneeName: row.assigneeName,
        appointmentOn: row.appointmentOn,
        clock,
        late: clock.kind === "running" && clock.late,
      };
    }),
  };
}

export default function RequestQueue() {
  const { t, i18n } = useTranslation("review");
  const { filter, counts, reviewers: team, total, page, pageCount, items, communeChoices } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const filtered =
    filter.state !== "open" || Boolean(filter.type || filter.sector || filter.commune || filter.clock || filter.assignee) || filter.olderThanDays !== null;
  const openTotal = OPEN_STATES.reduce((sum, s) => sum + counts.counts[s], 0);
  const allTotal = QUEUE_STATES.reduce((sum, s) => sum + counts.counts[s], 0);
  const current = (state: string) => (filter.state === state && !filter.clock ? "true" : undefined);
  const tr = (key: string) => t(`requests:${key}`);
  return (
    <>
      <h1>{t("queue.title")}</h1>
      <p className="lead">{t("queue.lead")}</p>
      <p>
        <Link to="/dost/requests/stats">{t("queue.statsLink")}</Link>
      </p>
      <h2 className="visually-hidden">{t("queue.countsTitle")}</h2>
      <ul className="stat-list">
        <li className="stat stat--overdue">
          <Link to="?clock=late" aria-current={filter.clock === "late" ? "true" : undefined}>
            <span className="stat__value">{formatNumber(counts.late, lng)}</span>
            <span className="stat__label">{t("queue.lateCount")}</span>
          </Link>
        </li>
        {OPEN_STATES.map((state) => (
          <li key={state} className="stat">
            <Link to={`?state=${state}`} aria-current={current(state)}>
              <span className="stat__value">{formatNumber(counts.counts[state], lng)}</span>
              <span className="stat__label">{tr(`state.${state}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="meta-line">
        <Link to="/dost/requests" aria-current={current("open")}>
          {t("queue.openCount", {
            count: openTotal,
            formatted: formatNumber(openTotal, lng),
          })}
        </Link>
        {CLOSED_STATES.map((state) => (
          <span key={state}>
            {" · "}
            <Link to={`?state=${state}`} aria-current={current(state)}>
              {tr(`state.${state}`)} ({formatNumber(counts.counts[state], lng)})
            </Link>
          </span>
        ))}
        {" · "}
        <Link to="?state=all" aria-current={current("all")}>
          {t("queue.allCount", { formatted: formatNumber(allTotal, lng) })}
        </Link>
      </p>

      {/* A grid rather than the flex "filters" row: some option texts are long, and grid cells keep a select within the screen. */}
      <Form method="get" className="panel" role="search" aria-label={t("queue.filtersLabel")}>
        <div className="field-row">
          <FilterSelect
            name="state"
            label={t("queue.state")}
            allLabel={t("queue.stateOpen")}
            options={[
              ...QUEUE_STATES.map((s) => ({
                value: s,
                label: tr(`state.${s}`),
              })),
              { value: "all", label: t("queue.stateAll") },
            ]}
            value={filter.state === "open" ? "" : filter.state}
          />
          <FilterSelect
            name="type"
            label={t("queue.type")}
            allLabel={t("queue.allTypes")}
            options={REQUEST_TYPES.map((s) => ({
              value: s,
              label: tr(`type.${s}`),
            }))}
            value={filter.type}
          />
          <FilterSelect
            name="sector"
            label={t("queue.sector")}
            allLabel={t("queue.allSectors")}
            options={sectorsFile.sectors.map((s) => ({
              value: s.id,
              label: localize(s.name, lng),
            }))}
            value={filter.sector}
          />
          <FilterSelect
            name="commune"
            label={t("queue.commune")}
            allLabel={t("queue.allCommunes")}
            options={communeChoices}
            value={filter.commune}
          />
          <FilterSelect
            name="age"
            label={t("queue.age")}
            allLabel={t("queue.anyAge")}
            options={AGES.map((days) => ({
              value: days,
              label: t("queue.olderThan", { count: Number(days) }),
            }))}
            value={filter.olderThanDays === null ? "" : String(filter.olderThanDays)}
          />
          <FilterSelect
            name="clock"
            label={t("queue.clock")}
            allLabel={t("queue.anyClock")}
            options={CLOCKS.map((c) => ({
              value: c,
              label: t(`queue.clocks.${c}`),
            }))}
            value={filter.clock}
          />
          <FilterSelect
            name="assignee"
            label={t("queue.assignee")}
            allLabel={t("queue.anyAssignee")}
            options={[
              { value: "me", label: t("queue.assignedToMe") },
              { value: "none", label: t("queue.unassigned") },
              ...team.map((r) => ({ value: String(r.id), label: r.fullName })),
            ]}
            value={String(filter.assignee)}
          />
          <div className="field">
            <label htmlFor="sort">{t("queue.sort")}</label>
            <select id="sort" name="sort" className="input" defaultValue={filter.sort}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`queue.sorts.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="action-row">
          <button type="submit" className="button">
            {t("queue.filter")}
          </button>
          {filtered ? <Link to="/dost/requests">{t("queue.clear")}</Link> : null}
        </p>
      </Form>

      <p className="meta-line" aria-live="polite">
        {t("queue.count", {
          count: total,
          formatted: formatNumber(total, lng),
        })}
      </p>
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("queue.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("queue.colCode")}</th>
                <th scope="col">{t("queue.colBusiness")}</th>
                <th scope="col">{t("queue.colType")}</th>
                <th scope="col">{t("queue.colState")}</th>
                <th scope="col">{t("queue.colClock")}</th>
                <th scope="col">{t("queue.colAppointment")}</th>
                <th scope="col">{t("queue.colAssignee")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} className={r.late ? "row--late" : undefined}>
                  <td data-label={t("queue.colCode")}>
                    <ListLink to={`/dost/requests/${r.id}`}>{r.code}</ListLink>
                    <br />
                    <span className="field__hint">{r.title}</span>
                  </td>
                  <td data-label={t("queue.colBusiness")}>{r.businessName}</td>
                  <td data-label={t("queue.colType")}>{tr(`type.${r.type}`)}</td>
                  <td data-label={t("queue.colState")}>
                    <StateTag state={r.state} />
                  </td>
                  <td data-label={t("queue.colClock")}>
                    <ClockTag clock={r.clock} />
                    {r.clock.kind !== "none" ? (
                      <>
                        <br />
                        <span className="field__hint">{t("requests:clock.used", { count: r.clock.used })}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("queue.colAppointment")}>{r.appointmentOn ? formatDate(r.appointmentOn) : "—"}</td>
                  <td data-label={t("queue.colAssignee")}>{r.assigneeName ?? t("queue.unassigned")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          {filtered ? (
            <p>
              {t("queue.noMatch")} <Link to="/dost/requests">{t("queue.clear")}</Link>
            </p>
          ) : (
            <p>
              {t("queue.empty")} <Link to="?state=all">{t("queue.seeAll")}</Link>
            </p>
          )}
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </>
  );
}
