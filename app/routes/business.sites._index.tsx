import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SiteFields } from "~/components/site-form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { createSite, listSites } from "~/modules/accounts/businesses.server";
import { can } from "~/modules/accounts/permissions";
import { communeChoiceErrors, communeOptions } from "~/modules/admin-units/units.server";
import { SiteSchema } from "~/modules/accounts/schemas";
import { communeLabel } from "~/modules/content/content";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";
import { BusinessTabs } from "~/components/business-tabs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  const locale = await i18nServer.getLocale(request);
  const units = await communeOptions(locale);
  // Labels are made here, where DOST's list (renamed or added units too) is known.
  const sites = (await listSites(scope)).map((site) => ({ ...site, communeName: communeLabel(site.communeId, site.communeOther, locale) }));
  return {
    sites,
    units,
    canManage: can(scope.user.role, "business:manageSites"),
    title: `${t("sites.title")} — ${t("common:shell.brand")}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request, "business:manageSites");
  const formData = await readForm(request);
  const parsed = parseForm(SiteSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const communeErrors = await communeChoiceErrors(parsed.data);
  if (communeErrors) return data(failure(communeErrors, formValues(formData)), { status: 400 });
  await createSite(scope, parsed.data);
  return redirect("/business/sites", {
    headers: {
      "Set-Cookie": await setFlash(request, { kind: "success", message: "accounts:sites.added", values: { name: parsed.data.name } }),
    },
  });
}

export default function SitesPage() {
  const { t } = useTranslation("accounts");
  const { sites, canManage, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(SiteSchema, actionData?.errors);
  const { errors } = form;
  return (
    <>
      <BusinessTabs />
      <h1>{t("sites.title")}</h1>
      <p className="lead">{t("sites.lead")}</p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("sites.tableCaption", { count: sites.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.siteName")}</th>
              <th scope="col">{t("fields.commune")}</th>
              <th scope="col">{t("fields.streetAddress")}</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">{t("sites.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.id}>
                <td data-label={t("fields.siteName")}>{site.name}</td>
                <td data-label={t("fields.commune")}>{site.communeName}</td>
                <td data-label={t("fields.streetAddress")}>{site.streetAddress}</td>
                {canManage ? (
                  <td>
                    <Link to={`/business/sites/${site.id}`}>
                      {t("sites.edit")}
                      <span className="visually-hidden"> {site.name}</span>
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage ? (
        <section className="panel narrow" aria-labelledby="add-site">
          <h2 id="add-site">{t("sites.addTitle")}</h2>
          <ValidatedForm form={form} className="stack">
            <SiteFields units={units} errors={errors} values={actionData?.values} />
            <SubmitButton>{t("sites.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      ) : (
        <p className="field__hint">{t("sites.ownerOnly")}</p>
      )}
    </>
  );
}
