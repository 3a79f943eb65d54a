import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { findValidReset, resetPassword } from "~/modules/accounts/login.server";
import { ResetPasswordSchema } from "~/modules/accounts/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { failure, parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const reset = await findValidReset(params.token ?? "");
  const t = await i18nServer.getFixedT(request, "accounts");
  return { valid: Boolean(reset), email: reset?.email ?? null, title: `${t("reset.title")} — ${t("common:shell.brand")}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(ResetPasswordSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const done = await resetPassword(params.token ?? "", parsed.data.password);
  if (!done) return data(failure({ form: "errors.resetLinkInvalid" }, {}), { status: 400 });
  return redirect("/login", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "accounts:reset.done" }) },
  });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation("accounts");
  const { valid, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(ResetPasswordSchema, actionData?.errors);
  const { errors } = form;
  if (!valid) {
    return (
      <div className="narrow">
        <h1>{t("reset.invalidTitle")}</h1>
        <p className="lead">{t("reset.invalidBody")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("reset.title")}</h1>
      <p className="lead">{t("reset.lead", { email })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary
          errors={errors}
          labels={{ password: t("fields.newPassword"), passwordConfirm: t("fields.passwordConfirm") }}
        />
        <input type="hidden" name="username" value={email ?? ""} autoComplete="username" />
        <TextField
          name="password"
          type="password"
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
          error={errors.password}
        />
        <TextField
          name="passwordConfirm"
          type="password"
          label={t("fields.passwordConfirm")}
          autoComplete="new-password"
          error={errors.passwordConfirm}
        />
        <SubmitButton>{t("reset.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
