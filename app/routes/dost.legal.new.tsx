import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, ErrorSummary, TextField, kept, keptList } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { sectorName, sectorsFile } from "~/modules/content/content";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { createType } from "~/modules/legal/admin.server";
import { NewTypeSchema } from "~/modules/legal/schemas";
import { requireDostScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const ARRAYS = ["sectors"] as const;

// Admins only: a reviewer or a business user gets 404.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireDostScope(request, "dost:admin");
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "catalogue");
  return {
    title: `${t("new.title")} — ${t("common:shell.brand")}`,
    sectors: sectorsFile.sectors.map((s) => ({ value: s.id, label: sectorName(s.id, language) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const formData = await readForm(request);
  const parsed = parseForm(NewTypeSchema, formData, ARRAYS);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await createType(scope, parsed.data);
  if (!result.ok) return data(failure(result.errors, formValues(formData, ARRAYS)), { status: 400 });
  return redirect(`/dost/legal/${result.id}`, { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "catalogue:flash.created" }) } });
}

export default function NewInstrumentTypePage() {
  const { t } = useTranslation("catalogue");
  const { sectors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(NewTypeSchema, actionData?.errors, ARRAYS);
  const values = actionData?.values;
  const labels = {
    id: t("new.id"),
    nameVi: t("type.nameVi"),
    nameEn: t("type.nameEn"),
    quantityVi: t("new.quantityVi"),
    quantityEn: t("new.quantityEn"),
    unit: t("new.unit"),
    sectors: t("new.sectors"),
    recommendedMonths: t("new.recommendedMonths"),
    listItem: t("type.listItem"),
  };
  return (
    <div className="narrow">
      <p>
        <Link to="/dost/legal" className="back-link">
          {t("type.back")}
        </Link>
      </p>
      <h1>{t("new.title")}</h1>
      <p className="lead">{t("new.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={form.errors} labels={labels} />
        <TextField name="id" label={labels.id} hint={t("new.idHint")} error={form.errors.id} defaultValue={kept(values, "id")} width="medium" />
        <TextField name="nameVi" label={labels.nameVi} error={form.errors.nameVi} defaultValue={kept(values, "nameVi")} />
        <TextField name="nameEn" label={labels.nameEn} error={form.errors.nameEn} defaultValue={kept(values, "nameEn")} />
        <TextField name="quantityVi" label={labels.quantityVi} error={form.errors.quantityVi} defaultValue={kept(values, "quantityVi")} width="medium" />
        <TextField name="quantityEn" label={labels.quantityEn} error={form.errors.quantityEn} defaultValue={kept(values, "quantityEn")} width="medium" />
        <TextField name="unit" label={labels.unit} error={form.errors.unit} defaultValue={kept(values, "unit")} width="short" />
        <CheckboxGroup name="sectors" legend={labels.sectors} options={sectors} error={form.errors.sectors} defaultValues={keptList(values, "sectors")} />
        <TextField
          name="recommendedMonths"
          label={labels.recommendedMonths}
          hint={t("new.recommendedMonthsHint")}
          error={form.errors.recommendedMonths}
          defaultValue={kept(values, "recommendedMonths")}
          inputMode="numeric"
          width="short"
        />
        <TextField name="listItem" label={labels.listItem} hint={t("type.listItemHint")} error={form.errors.listItem} defaultValue={kept(values, "listItem")} width="short" />
        <SubmitButton>{t("new.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
