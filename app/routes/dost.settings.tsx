import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { SettingsSchema } from "~/modules/requests/schemas";
import { getSlaDays, setSlaDays } from "~/modules/requests/settings.server";
import { DEFAULT_SLA_WORKING_DAYS } from "~/modules/requests/workflow";
import { requireDostScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDostScope(request, "dost:admin");
  const t = await i18nServer.getFixedT(request, "review");
  return { title: `${t("settings.title")} — ${t("common:shell.brand")}`, slaDays: await getSlaDays() };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const parsed = parseForm(SettingsSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  await setSlaDays(scope, Number(parsed.data.slaDays));
  return redirect("/dost/settings", { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "review:settings.saved" }) } });
}

export default function DostSettingsPage() {
  const { t } = useTranslation("review");
  const { slaDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(SettingsSchema, actionData?.errors);
  const { errors } = form;
  const labels = { slaDays: t("settings.slaDays") };
  return (
    <div className="narrow">
      <h1>{t("settings.title")}</h1>
      <p className="lead">{t("settings.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={labels} />
        <TextField
          name="slaDays"
          type="number"
          inputMode="numeric"
          label={labels.slaDays}
          hint={t("settings.slaDaysHint", { count: DEFAULT_SLA_WORKING_DAYS })}
          error={errors.slaDays}
          defaultValue={kept(actionData?.values, "slaDays", String(slaDays))}
          width="short"
        />
        <p>{t("settings.fromNow")}</p>
        <SubmitButton>{t("settings.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
