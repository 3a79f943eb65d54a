import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DueExplanation, DueTag } from "~/components/due";
import { localize } from "~/modules/content/content";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { vietnamDay } from "~/modules/i18n/format";
import { dueState } from "~/modules/instruments/due-dates";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { LegalStatusPanel } from "~/components/legal-status";
import { eventsOf, getInstrument } from "~/modules/instruments/instruments.server";
import { providersFor } from "~/modules/providers/providers.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { idParam } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.instrumentId);
  const instrument = id ? await getInstrument(scope, id) : undefined;
  if (!instrument) throw notFound();
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "instruments");
  const today = vietnamDay();
  const [catalogue, events] = await Promise.all([legalCatalogue(), eventsOf(db(), instrument.id)]);
  const type = catalogue.type(instrument.typeId);
  const status = catalogue.status(instrument.typeId, instrument.purpose);
  const supersededBy = new Map(events.filter((e) => e.supersedesEventId).map((e) => [e.supersedesEventId!, e.id]));
  return {
    title: `${instrument.tag} · ${instrument.name} — ${t("common:shell.brand")}`,
    instrument,
    state: dueState(instrument.nextDueOn, today),
    type: type && {
      id: type.id,
      name: localize(type.name, language),
      group: status.group,
      retired: Boolean(type.retiredAt),
      recommended: type.recommendedCalibrationMonths,
    },
    legal: {
      group: status.group,
      reason: status.reason,
      row: status.row && {
        listed: status.row.listed,
        cycleMonths: status.row.cycleMonths,
        document: status.row.document,
        article: status.row.article,
        item: status.row.item,
        effectiveFrom: status.row.effectiveFrom,
        basis: status.row.basis,
        note: status.row.note,
      },
    },
    events: events.map((e) => ({ ...e, supersededBy: supersededBy.get(e.id) ?? null })),
    providers: await providersFor([instrument.typeId], { today }),
  };
}

/** "Who can verify this instrument?": directory providers in force whose scope covers its type. */
function WhoCanVerify({ typeId, providers }: { typeId: string; providers: Array<{ id: number; name: string; kinds: string[]; isExample: boolean }> }) {
  const { t } = useTranslation("providers");
  return (
    <section aria-labelledby="who-can-verify">
      <h2 id="who-can-verify">{t("instrument.title")}</h2>
      {providers.length ? (
        <>
          <p>{t("instrument.lead")}</p>
          <ul className="plain-list">
            {providers.map((p) => (
              <li key={p.id} className="plain-list__row">
                <Link to={`/providers/${p.id}`}>{p.name}</Link>
                <span>
                  {p.kinds.map((k) => t(`kind.${k}`)).join(", ")}
                  {p.isExample ? (
                    <>
                      {" "}
                      <span className="tag tag--amber">{t("exampleShort")}</span>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("instrument.none")}</p>
      )}
      <p>
        <Link to={`/providers?${new URLSearchParams({ type: typeId })}`}>{t("instrument.all")}</Link>
      </p>
    </section>
  );
}

export default function InstrumentPage() {
  const { t, i18n } = useTranslation("instruments");
  const { instrument, state, type, legal, events, providers } = useLoaderData<typeof loader>();
  const base = `/business/instruments/${instrument.id}`;
  const range =
    instrument.rangeMin === null && instrument.rangeMax === null
      ? "—"
      : `${instrument.rangeMin === null ? "" : formatNumber(instrument.rangeMin, i18n.language)} – ${instrument.rangeMax === null ? "" : formatNumber(instrument.rangeMax, i18n.language)} ${instrument.unit}`;
  return (
    <>
      <p>
        <Link to="/business/instruments" className="back-link">
          {t("back")}
        </Link>
      </p>
      <p className="eyebrow">
        {instrument.tag} · {instrument.siteName}
      </p>
      <h1>{instrument.name}</h1>
      <div className="due-card">
        <p>
          <DueTag state={state} status={instrument.status} />
        </p>
        <p className="due-card__date">
          {instrument.nextDueOn ? t("detail.nextDue", { date: formatDate(instrument.nextDueOn) }) : t("detail.noDue")}
        </p>
        <p>
          <DueExplanation dueOn={instrument.nextDueOn} rule={instrument.dueRule} />
        </p>
        {instrument.status === "quarantined" ? (
          <>
            <p className="flash flash--error">{t("detail.quarantined")}</p>
            <p>
              <Link to={`/business/requests/new?${new URLSearchParams({ origin: "event", type: "verification", instruments: String(instrument.id) })}`}>
                {t("requests:entryPoints.event")}
              </Link>
            </p>
          </>
        ) : null}
      </div>
      <div className="action-row">
        <Link to={`${base}/events/new`} className="button">
          {t("detail.record")}
        </Link>
        <Link to={`/business/requests/new?${new URLSearchParams({ type: "verification", instruments: String(instrument.id) })}`} className="button button--secondary">
          {t("requests:entryPoints.instrument")}
        </Link>
        <Link to={`${base}/edit`} className="button button--secondary">
          {t("detail.edit")}
        </Link>
        <Link to={`/business/instruments/labels?ids=${instrument.id}`} className="button button--secondary">
          {t("detail.label")}
        </Link>
        <a href={`/s/${instrument.publicToken}`}>{t("detail.publicPage")}</a>
      </div>

      <h2>{t("detail.about")}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t("fields.typeId")}</dt>
          <dd>
            {type ? type.name : instrument.typeId} · {t(`group.${legal.group}`)}
            {type?.retired ? <span className="field__hint"> — {t("detail.typeRetired")}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t("fields.serial")}</dt>
          <dd>{[instrument.serial, instrument.manufacturer, instrument.model].filter(Boolean).join(" · ") || "—"}</dd>
        </div>
        <div>
          <dt>{t("detail.range")}</dt>
          <dd>
            {range}
            {instrument.accuracy ? ` · ${instrument.accuracy}` : ""}
          </dd>
        </div>
        <div>
          <dt>{t("fields.purpose")}</dt>
          <dd>{t(`purpose.${instrument.purpose}`)}</dd>
        </div>
        <div>
          <dt>{t("fields.ownIntervalMonths")}</dt>
          <dd>{instrument.ownIntervalMonths ? t("detail.months", { count: instrument.ownIntervalMonths }) : "—"}</dd>
        </div>
        <div>
          <dt>{t("fields.responsiblePerson")}</dt>
          <dd>{instrument.responsiblePerson || "—"}</dd>
        </div>
      </dl>

      <LegalStatusPanel typeId={instrument.typeId} legal={legal} />

      <h2>{t("detail.history")}</h2>
      {events.length ? (
        <ol className="event-list">
          {events.map((e) => (
            <li key={e.id} className={`event${e.supersededBy ? " event--superseded" : ""}`}>
              <p className="event__title">
                <strong>{t(`kind.${e.kind}`)}</strong> · {formatDate(e.performedOn)}
                {e.result ? (
                  <>
                    {" "}
                    · <span className={`tag ${e.result === "fail" ? "tag--red" : "tag--green"}`}>{t(`result.${e.result}`)}</span>
                  </>
                ) : null}
              </p>
              {e.kind === "override" ? (
                <p>{t("detail.overrideTo", { date: formatDate(e.overrideDueOn), reason: e.notes })}</p>
              ) : (
                <p>
                  {e.provider}
                  {e.certificateNo ? ` · ${t("detail.certificate", { number: e.certificateNo })}` : ""}
                </p>
              )}
              {e.notes && e.kind !== "override" ? <p>{e.notes}</p> : null}
              {e.impactMeasured ? (
                <div className="panel panel--warning">
                  <p>
                    <strong>{t("detail.impact")}</strong> {t("detail.impactSince", { date: formatDate(e.impactSince) })}
                  </p>
                  <p>{e.impactMeasured}</p>
                  <p>{e.impactAction}</p>
                </div>
              ) : null}
              {e.fileId ? (
                <p>
                  <a href={`/business/files/${e.fileId}`}>{e.fileName}</a> <span className="meta-line">SHA-256 {e.fileSha256}</span>
                </p>
              ) : null}
              <p className="meta-line">
                {t("detail.recorded", { name: e.recordedBy, when: formatDateTime(e.recordedAt) })}
                {e.supersedesEventId ? ` · ${t("detail.corrects", { id: e.supersedesEventId })}` : ""}
                {e.supersededBy ? ` · ${t("detail.correctedBy", { id: e.supersededBy })}` : ""} · #{e.id}
              </p>
              {e.supersededBy ? null : (
                <Link to={`${base}/events/new?correct=${e.id}`}>
                  {t("detail.correct")}
                  <span className="visually-hidden"> #{e.id}</span>
                </Link>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <div className="empty-state">
          <p>{t("detail.noEvents")}</p>
        </div>
      )}

      <WhoCanVerify typeId={instrument.typeId} providers={providers} />
    </>
  );
}
