import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { can } from "~/modules/accounts/permissions";
import { AdminUnitFormSchema } from "~/modules/admin-units/rules";
import { setUnitRetired, unitForAdmin, updateUnit } from "~/modules/admin-units/units.server";
import { formatNumber } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// One ward or commune: reviewers read it; admins rename it, correct its code, take it off the list
// or put it back. Never deleted: businesses and sites keep the id they name.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request);
  const unit = await unitForAdmin(String(params.unitId ?? ""), await i18nServer.getLocale(request));
  if (!unit) throw notFound();
  const t = await i18nServer.getFixedT(request, "catalogue");
  return { title: `${unit.label} — ${t("common:shell.brand")}`, unit, canEdit: can(scope.user.role, "dost:admin") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const unitId = String(params.unitId ?? "");
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const done = async (message: string) =>
    redirect(`/dost/legal/units/${unitId}`, { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message }) } });

  if (intent === "save") {
    const parsed = parseForm(AdminUnitFormSchema, formData);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    const result = await updateUnit(scope, unitId, parsed.data);
    if (!result) throw notFound();
    if (!result.ok) return data({ ...failure(result.errors, formValues(formData)), intent }, { status: 400 });
    return done("catalogue:units.flash.saved");
  }
  if (intent === "retire" || intent === "restore") {
    const result = await setUnitRetired(scope, unitId, intent === "retire");
    if (!result) throw notFound();
    if (!result.ok) return data({ ...failure(result.errors, {}), intent }, { status: 409 });
    return done(intent === "retire" ? "catalogue:units.flash.retired" : "catalogue:units.flash.restored");
  }
  throw notFound();
}

export default function AdminUnitPage() {
  const { t, i18n } = useTranslation("catalogue");
  const { unit, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saveErrors = actionData?.intent === "save" ? actionData.errors : undefined;
  const form = useValidatedForm(AdminUnitFormSchema, saveErrors);
  const values = actionData?.intent === "save" ? actionData.values : undefined;
  const statusErrors = actionData && actionData.intent !== "save" ? actionData.errors : undefined;
  const labels = { kind: t("units.form.kind"), name: t("units.form.name"), code: t("units.form.code") };
  const number = (n: number) => formatNumber(n, i18n.language);
  return (
    <>
      <p>
        <Link to="/dost/legal/units" className="back-link">
          {t("units.back")}
        </Link>
      </p>
      <h1>{unit.label}</h1>
      <p>
        <span className={`tag ${unit.retired ? "tag--grey" : "tag--green"}`}>{unit.retired ? t("units.retired") : t("units.inUse")}</span>{" "}
        {t("units.colCode")}: {unit.code ?? t("units.noCode")}
      </p>
      <p className="field__hint">{t("units.detailLead", { id: unit.id })}</p>
      <p>{t("units.usage", { businesses: number(unit.businesses), sites: number(unit.sites) })}</p>
      {canEdit ? (
        <>
          <section aria-labelledby="edit-unit-title">
            <h2 id="edit-unit-title">{t("units.editTitle")}</h2>
            <ValidatedForm form={form} className="stack">
              <ErrorSummary errors={form.errors} labels={labels} />
              <input type="hidden" name="intent" value="save" />
              <SelectField
                name="kind"
                label={labels.kind}
                error={form.errors.kind}
                defaultValue={kept(values, "kind", unit.kind)}
                options={[
                  { value: "ward", label: t("units.kind.ward") },
                  { value: "commune", label: t("units.kind.commune") },
                ]}
              />
              <TextField name="name" label={labels.name} hint={t("units.form.nameHint")} error={form.errors.name} defaultValue={kept(values, "name", unit.name)} />
              <TextField
                name="code"
                label={labels.code}
                hint={t("units.form.codeHint")}
                error={form.errors.code}
                defaultValue={kept(values, "code", unit.code ?? "")}
                inputMode="numeric"
                width="short"
              />
              <SubmitButton>{t("units.save")}</SubmitButton>
            </ValidatedForm>
          </section>
          <section className="panel" aria-labelledby="retire-unit-title">
            <h2 id="retire-unit-title">{unit.retired ? t("units.restoreTitle") : t("units.retireTitle")}</h2>
            <ErrorSummary errors={statusErrors} labels={{}} />
            <p>{unit.retired ? t("units.restoreLead") : t("units.retireLead")}</p>
            <Form method="post">
              <button type="submit" name="intent" value={unit.retired ? "restore" : "retire"} className="button button--secondary">
                {unit.retired ? t("units.restore") : t("units.retire")}
              </button>
            </Form>
          </section>
        </>
      ) : (
        <p className="field__hint">{t("units.readOnly")}</p>
      )}
    </>
  );
}
