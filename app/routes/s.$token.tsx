import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { publicStatusByToken } from "~/modules/instruments/labels-pdf.server";
import { type Standing, publicStanding } from "~/modules/instruments/reminders";
import { notFound } from "~/utils/auth.server";

// The page a label's QR opens, for an inspector or a customer at the pump: public, no login.
// It shows the facts listed in PRODUCT.md §3.3 and nothing else, and asks search engines to stay away.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex, nofollow" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const instrument = await publicStatusByToken(params.token ?? "");
  if (!instrument) throw notFound();
  const [locale, t] = await Promise.all([i18nServer.getLocale(request), i18nServer.getFixedT(request, "reminders")]);
  const typeName = instrument.typeName ? (locale === "en" ? instrument.typeName.en : instrument.typeName.vi) : t("status.unknownType");
  return data(
    {
      title: `${instrument.tag} — ${t("status.title")}`,
      typeName,
      tag: instrument.tag,
      businessName: instrument.businessName,
      standing: publicStanding(instrument, vietnamDay()),
      lastCertificateNo: instrument.lastCertificateNo,
      lastProvider: instrument.lastProvider,
      checkedAt: new Date().toISOString(),
    },
    // The status changes with every verification: always fresh, never kept by a proxy or indexed.
    { headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" } },
  );
}

const TONE: Record<Standing["kind"], "green" | "red" | "grey"> = {
  valid: "green",
  overdue: "red",
  unknown: "grey",
  quarantined: "red",
  outOfService: "grey",
};

function standingKey(standing: Standing): string {
  if (standing.kind === "valid" || standing.kind === "overdue" || standing.kind === "unknown") return `${standing.kind}.${standing.legal ? "legal" : "own"}`;
  return standing.kind;
}

export default function PublicStatusPage() {
  const { t } = useTranslation("reminders");
  const { typeName, tag, businessName, standing, lastCertificateNo, lastProvider, checkedAt } = useLoaderData<typeof loader>();
  const key = standingKey(standing);
  const date = standing.kind === "valid" ? formatDate(standing.until) : standing.kind === "overdue" ? formatDate(standing.dueOn) : "";
  const tone = TONE[standing.kind];
  return (
    <div className="narrow">
      <p className="eyebrow">{t("status.title")}</p>
      <h1>
        {typeName} {tag}
      </h1>
      <section className={tone === "red" ? "panel panel--warning" : "panel"} aria-labelledby="standing-title">
        <p>
          <span className={`tag tag--${tone}`}>{t(`status.badge.${standing.kind}`)}</span>
        </p>
        <h2 id="standing-title">{t(`status.standing.${key}.title`, { date })}</h2>
        <p>{t(`status.standing.${key}.body`, { date })}</p>
      </section>
      <dl className="summary-list">
        <div>
          <dt>{t("status.fields.type")}</dt>
          <dd>{typeName}</dd>
        </div>
        <div>
          <dt>{t("status.fields.tag")}</dt>
          <dd>{tag}</dd>
        </div>
        <div>
          <dt>{t("status.fields.business")}</dt>
          <dd>{businessName}</dd>
        </div>
        <div>
          <dt>{t("status.fields.certificate")}</dt>
          <dd>{lastCertificateNo || t("status.none")}</dd>
        </div>
        <div>
          <dt>{t("status.fields.provider")}</dt>
          <dd>{lastProvider || t("status.none")}</dd>
        </div>
      </dl>
      <p className="meta-line">{t("status.note", { time: formatDateTime(checkedAt) })}</p>
    </div>
  );
}
