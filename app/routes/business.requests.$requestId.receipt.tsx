import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProvisionalDateNote } from "~/components/provisional-date";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { currentHolidayCalendar } from "~/modules/holidays/calendar.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getRequestForBusiness } from "~/modules/requests/queries.server";
import { buildReceipt } from "~/modules/requests/receipt.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { publicOrigin, idParam } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.requestId);
  const detail = id ? await getRequestForBusiness(scope, id) : undefined;
  if (!detail?.code) throw notFound();
  const t = await i18nServer.getFixedT(request, "requests");
  const locale = await i18nServer.getLocale(request);
  return {
    title: `${t("receipt.title")} ${detail.code} — ${t("common:shell.brand")}`,
    id: detail.id,
    receipt: buildReceipt(detail, locale, publicOrigin(), await currentHolidayCalendar()),
  };
}

export default function ReceiptPage() {
  const { t } = useTranslation("requests");
  const { id, receipt } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="programme-actions">
        <Link to={`/business/requests/${id}`} className="back-link">
          {t("receipt.back", { code: receipt.code })}
        </Link>
      </p>
      <article className="receipt" aria-labelledby="receipt-title">
        <p className="receipt__agency">{t("receipt.agency")}</p>
        <h1 id="receipt-title" className="receipt__title">
          {t("receipt.title")}
        </h1>
        <p className="receipt__title">
          {t("receipt.code")}: <strong>{receipt.code}</strong>
        </p>
        <p>{t("receipt.intro")}</p>
        <dl className="summary-list summary-list--compact">
          <div>
            <dt>{t("receipt.business")}</dt>
            <dd>{receipt.businessName}</dd>
          </div>
          <div>
            <dt>{t("receipt.taxCode")}</dt>
            <dd>{receipt.taxCode}</dd>
          </div>
          <div>
            <dt>{t("receipt.address")}</dt>
            <dd>{receipt.address}</dd>
          </div>
          <div>
            <dt>{t("receipt.contact")}</dt>
            <dd>{receipt.contact}</dd>
          </div>
          <div>
            <dt>{t("receipt.type")}</dt>
            <dd>{t(`type.${receipt.type}`)}</dd>
          </div>
          <div>
            <dt>{t("receipt.subject")}</dt>
            <dd>{receipt.title}</dd>
          </div>
          <div>
            <dt>{t("receipt.receivedAt")}</dt>
            <dd>{formatDateTime(receipt.submittedAt)}</dd>
          </div>
        </dl>
        <h2>{t("receipt.components")}</h2>
        <ol>
          <li>{t("receipt.form")}</li>
          {receipt.instrumentCount ? <li>{t("receipt.instrumentsCount", { count: receipt.instrumentCount })}</li> : null}
          {receipt.files.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ol>
        <p className="receipt__appointment">
          {t("receipt.appointment")}: {formatDate(receipt.appointmentOn)}
        </p>
        <ProvisionalDateNote years={receipt.provisionalYears} />
        <p>{t("receipt.slaNote", { count: receipt.slaDays })}</p>
        <p>{t("receipt.track", { code: receipt.code, link: receipt.link })}</p>
      </article>
      <p className="programme-actions action-row">
        <a href={`/business/requests/${id}/receipt.pdf`} className="button" download>
          {t("receipt.pdf")}
        </a>
      </p>
    </>
  );
}
