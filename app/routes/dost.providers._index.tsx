import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { validityText } from "~/components/provider-parts";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { listProvidersForAdmin, providerView } from "~/modules/providers/providers.server";
import { requireDostScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const STATUSES = ["active", "inactive"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (STATUSES as readonly string[]).includes(statusParam) ? (statusParam as (typeof STATUSES)[number]) : null;
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "providers");
  const today = vietnamDay();
  const catalogue = await legalCatalogue();
  const providers = (await listProvidersForAdmin(scope, { query })).filter((p) => status === null || p.active === (status === "active"));
  return {
    title: `${t("admin.title")} — ${t("common:shell.brand")}`,
    query,
    status,
    providers: providers.map((p) => providerView(p, language, today, catalogue)),
  };
}

export default function DostProvidersPage() {
  const { t, i18n } = useTranslation("providers");
  const { query, status, providers } = useLoaderData<typeof loader>();
  const filtered = Boolean(query || status);
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.lead")}</p>
      <div className="action-row">
        <Link to="/dost/providers/new" className="button">
          {t("admin.add")}
        </Link>
        <Link to="/providers">{t("admin.publicPage")}</Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("admin.searchLabel")}>
        <div className="field">
          <label htmlFor="q">{t("directory.search")}</label>
          <input id="q" name="q" type="search" className="input" defaultValue={query} />
        </div>
        <FilterSelect
          name="status"
          label={t("admin.status")}
          allLabel={t("admin.allStatuses")}
          options={STATUSES.map((s) => ({ value: s, label: t(`admin.${s}`) }))}
          value={status ?? ""}
        />
        <button type="submit" className="button">
          {t("directory.filter")}
        </button>
        {filtered ? <Link to="/dost/providers">{t("directory.clear")}</Link> : null}
      </Form>
      <p className="meta-line" aria-live="polite">
        {t("directory.count", { count: providers.length, formatted: formatNumber(providers.length, i18n.language) })}
      </p>
      {providers.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("admin.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.colName")}</th>
                <th scope="col">{t("admin.colKinds")}</th>
                <th scope="col">{t("admin.colNumbers")}</th>
                <th scope="col">{t("admin.colValidity")}</th>
                <th scope="col">{t("admin.colTypes")}</th>
                <th scope="col">{t("admin.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((p) => (
                <tr key={p.id}>
                  <td data-label={t("admin.colName")}>
                    <Link to={`/dost/providers/${p.id}`}>{p.name}</Link>
                    {p.isExample ? (
                      <>
                        {" "}
                        <span className="tag tag--amber">{t("exampleShort")}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("admin.colKinds")}>{p.kinds.map((k) => t(`kind.${k}`)).join(", ")}</td>
                  <td data-label={t("admin.colNumbers")}>{[p.designationNo, p.accreditationNo].filter(Boolean).join(" · ")}</td>
                  <td data-label={t("admin.colValidity")}>
                    {p.validity === "expired" ? <span className="tag tag--red">{t("validity.expiredTag")}</span> : null}
                    {p.validity === "expiring" ? <span className="tag tag--amber">{t("validity.expiringTag")}</span> : null}{" "}
                    {p.validUntil ? formatDate(p.validUntil) : validityText(t, p)}
                  </td>
                  <td data-label={t("admin.colTypes")}>{t("admin.typesCount", { count: p.types.length })}</td>
                  <td data-label={t("admin.colStatus")}>
                    <span className={`tag ${p.active ? "tag--green" : "tag--grey"}`}>{p.active ? t("admin.active") : t("admin.inactive")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{filtered ? t("admin.noMatch") : t("admin.empty")}</p>
        </div>
      )}
    </>
  );
}
