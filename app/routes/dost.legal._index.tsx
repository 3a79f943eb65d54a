import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/modules/accounts/permissions";
import { formatNumber } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { typesForAdmin } from "~/modules/legal/admin.server";
import { requireDostScope } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Reviewers read the legal catalogue; admins change it (the forms are on the type pages).
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request, "dost:read");
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "catalogue");
  return {
    title: `${t("list.title")} — ${t("common:shell.brand")}`,
    query,
    canEdit: can(scope.user.role, "dost:admin"),
    types: await typesForAdmin({ query, language }),
  };
}

export default function LegalCataloguePage() {
  const { t, i18n } = useTranslation("catalogue");
  const { query, canEdit, types } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      {canEdit ? (
        <div className="action-row">
          <Link to="/dost/legal/new" className="button">
            {t("list.add")}
          </Link>
        </div>
      ) : (
        <p className="field__hint">{t("list.readOnly")}</p>
      )}
      <Form method="get" className="filters" role="search" aria-label={t("list.searchLabel")}>
        <div className="field">
          <label htmlFor="q">{t("list.search")}</label>
          <input id="q" name="q" type="search" className="input" defaultValue={query} />
        </div>
        <button type="submit" className="button">
          {t("list.filter")}
        </button>
        {query ? <Link to="/dost/legal">{t("list.clear")}</Link> : null}
      </Form>
      <p className="meta-line" aria-live="polite">
        {t("list.count", { count: types.length, formatted: formatNumber(types.length, i18n.language) })}
      </p>
      {types.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.colName")}</th>
                <th scope="col">{t("list.colGroup")}</th>
                <th scope="col">{t("list.colItem")}</th>
                <th scope="col">{t("list.colCycle")}</th>
                <th scope="col">{t("list.colInstruments")}</th>
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type.id}>
                  <td data-label={t("list.colName")}>
                    <Link to={`/dost/legal/${type.id}`}>{type.name}</Link>
                    {type.retired ? (
                      <>
                        {" "}
                        <span className="tag tag--grey">{t("list.retired")}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("list.colGroup")}>
                    <span className={`tag ${type.group === 2 ? "tag--green" : "tag--grey"}`}>{type.group === 2 ? t("list.listed") : t("list.notListed")}</span>
                  </td>
                  <td data-label={t("list.colItem")}>{type.listItem ?? "—"}</td>
                  <td data-label={t("list.colCycle")}>
                    {type.cycleMonths ? t("status.cycleMonths", { count: type.cycleMonths }) : "—"}
                    {type.basis && type.basis !== "confirmed" ? (
                      <>
                        {" "}
                        <span className="tag tag--amber">{t(`basis.${type.basis}`)}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("list.colInstruments")}>{formatNumber(type.instruments, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{t("list.none")}</p>
        </div>
      )}
    </>
  );
}
