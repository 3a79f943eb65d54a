import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { can } from "~/modules/accounts/permissions";
import { AdminUnitFormSchema } from "~/modules/admin-units/rules";
import { addUnit, unitsForAdmin } from "~/modules/admin-units/units.server";
import { formatNumber } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Reviewers read the list of wards and communes; admins add units here and edit them on a unit's page.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "catalogue");
  return {
    title: `${t("units.title")} — ${t("common:shell.brand")}`,
    query,
    canEdit: can(scope.user.role, "dost:admin"),
    units: await unitsForAdmin({ query, language }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const formData = await readForm(request);
  if (formData.get("intent") !== "add") throw notFound();
  const parsed = parseForm(AdminUnitFormSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await addUnit(scope, parsed.data);
  if (!result.ok) return data(failure(result.errors, formValues(formData)), { status: 400 });
  const t = await i18nServer.getFixedT(request, "catalogue");
  const name = t(`units.kind.${parsed.data.kind}`) + " " + parsed.data.name;
  return redirect(`/dost/legal/units?q=${encodeURIComponent(parsed.data.name)}`, {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "catalogue:units.flash.added", values: { name } }) },
  });
}

export default function AdminUnitsPage() {
  const { t, i18n } = useTranslation("catalogue");
  const { query, canEdit, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(AdminUnitFormSchema, actionData?.errors);
  const values = actionData?.values;
  const labels = { kind: t("units.form.kind"), name: t("units.form.name"), code: t("units.form.code") };
  const number = (n: number) => formatNumber(n, i18n.language);
  return (
    <>
      <h1>{t("units.title")}</h1>
      <p className="lead">{t("units.lead")}</p>
      {canEdit ? null : <p className="field__hint">{t("units.readOnly")}</p>}
      <Form method="get" className="filters" role="search" aria-label={t("units.searchLabel")}>
        <div className="field">
          <label htmlFor="q">{t("units.search")}</label>
          <input id="q" name="q" type="search" className="input" defaultValue={query} />
        </div>
        <button type="submit" className="button">
          {t("units.filter")}
        </button>
        {query ? <Link to="/dost/legal/units">{t("units.clear")}</Link> : null}
      </Form>
      <p className="meta-line" aria-live="polite">
        {t("units.count", { count: units.length, formatted: number(units.length) })}
      </p>
      {units.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("units.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("units.colName")}</th>
                <th scope="col">{t("units.colCode")}</th>
                <th scope="col">{t("units.colUse")}</th>
                <th scope="col">{t("units.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((unit) => (
                <tr key={unit.id}>
                  <td data-label={t("units.colName")}>
                    <Link to={`/dost/legal/units/${unit.id}`}>{unit.label}</Link>
                  </td>
                  <td data-label={t("units.colCode")}>{unit.code ?? t("units.noCode")}</td>
                  <td data-label={t("units.colUse")}>{t("units.use", { businesses: number(unit.businesses), sites: number(unit.sites) })}</td>
                  <td data-label={t("units.colStatus")}>
                    <span className={`tag ${unit.retired ? "tag--grey" : "tag--green"}`}>{unit.retired ? t("units.retired") : t("units.inUse")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{t("units.none")}</p>
        </div>
      )}
      {canEdit ? (
        <section aria-labelledby="add-unit-title">
          <h2 id="add-unit-title">{t("units.addTitle")}</h2>
          <p>{t("units.addLead")}</p>
          <ValidatedForm form={form} className="stack">
            <ErrorSummary errors={form.errors} labels={labels} />
            <input type="hidden" name="intent" value="add" />
            <SelectField
              name="kind"
              label={labels.kind}
              error={form.errors.kind}
              defaultValue={kept(values, "kind", "ward")}
              options={[
                { value: "ward", label: t("units.kind.ward") },
                { value: "commune", label: t("units.kind.commune") },
              ]}
            />
            <TextField name="name" label={labels.name} hint={t("units.form.nameHint")} error={form.errors.name} defaultValue={kept(values, "name")} />
            <TextField
              name="code"
              label={labels.code}
              hint={t("units.form.codeHint")}
              error={form.errors.code}
              defaultValue={kept(values, "code")}
              inputMode="numeric"
              width="short"
            />
            <SubmitButton>{t("units.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      ) : null}
    </>
  );
}
