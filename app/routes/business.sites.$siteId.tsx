import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SiteFields } from "~/components/site-form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { deleteSite, getSite, updateSite } from "~/modules/accounts/businesses.server";
import { SiteSchema } from "~/modules/accounts/schemas";
import { communeChoiceErrors, communeOptions } from "~/modules/admin-units/units.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request, "business:manageSites");
  const siteId = idParam(params.siteId);
  const site = siteId ? await getSite(scope, siteId) : undefined;
  if (!site) throw notFound();
  const t = await i18nServer.getFixedT(request, "accounts");
  return { site, units: await communeOptions(await i18nServer.getLocale(request), site.communeId), title: `${site.name} — ${t("common:shell.brand")}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request, "business:manageSites");
  const siteId = idParam(params.siteId);
  if (!siteId) throw notFound();
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const result = await deleteSite(scope, siteId);
    if (result === "notFound") throw notFound();
    if (result === "lastSite") return data(failure({ form: "errors.lastSite" }, {}), { status: 409 });
    return redirect("/business/sites", {
      headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "accounts:sites.deleted" }) },
    });
  }
  const parsed = parseForm(SiteSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const site = await getSite(scope, siteId);
  if (!site) throw notFound();
  // The unit the site already names stays acceptable after DOST retires it.
  const communeErrors = await communeChoiceErrors(parsed.data, site.communeId);
  if (communeErrors) return data(failure(communeErrors, formValues(formData)), { status: 400 });
  if (!(await updateSite(scope, siteId, parsed.data))) throw notFound();
  return redirect("/business/sites", {
    headers: {
      "Set-Cookie": await setFlash(request, { kind: "success", message: "accounts:sites.saved", values: { name: parsed.data.name } }),
    },
  });
}

export default function EditSitePage() {
  const { t } = useTranslation("accounts");
  const { site, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(SiteSchema, actionData?.errors);
  const { errors } = form;
  return (
    <div className="narrow">
      <p>
        <Link to="/business/sites" className="back-link">
          {t("sites.back")}
        </Link>
      </p>
      <h1>{t("sites.editTitle", { name: site.name })}</h1>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="save" />
        <SiteFields units={units} errors={errors} values={actionData?.values} defaults={site} />
        <SubmitButton>{t("sites.save")}</SubmitButton>
      </ValidatedForm>
      <section className="panel panel--warning" aria-labelledby="delete-site">
        <h2 id="delete-site">{t("sites.deleteTitle")}</h2>
        <p>{t("sites.deleteBody")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="delete" className="button button--warning">
            {t("sites.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
