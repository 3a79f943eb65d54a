import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { changePassword } from "~/modules/accounts/login.server";
import { ChangePasswordSchema } from "~/modules/accounts/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireUser } from "~/utils/auth.server";
import { failure, parseForm } from "~/utils/forms";
import { clientAddress } from "~/utils/request.server";
import { readSessionId, setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  return { email: user.email, fullName: user.fullName, role: user.role, title: `${t("account.title")} — ${t("common:shell.brand")}` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(ChangePasswordSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const changed = await changePassword(user.id, await readSessionId(request), parsed.data.currentPassword, parsed.data.password, clientAddress(context));
  if (!changed.ok && changed.reason === "locked") {
    return data(failure({ form: "errors.passwordLocked" }, { retryAfter: String(changed.retryAfterMinutes) }), { status: 429 });
  }
  if (!changed.ok) return data(failure({ currentPassword: "errors.currentPasswordWrong" }, {}), { status: 400 });
  return redirect("/account", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "accounts:account.passwordChanged" }) },
  });
}

export default function AccountPage() {
  const { t } = useTranslation("accounts");
  const { email, fullName, role } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(ChangePasswordSchema, actionData?.errors);
  const { errors } = form;
  const labels = {
    currentPassword: t("fields.currentPassword"),
    password: t("fields.newPassword"),
    passwordConfirm: t("fields.passwordConfirm"),
  };
  return (
    <div className="narrow">
      <h1>{t("account.title")}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t("fields.fullName")}</dt>
          <dd>{fullName}</dd>
        </div>
        <div>
          <dt>{t("fields.email")}</dt>
          <dd>{email}</dd>
        </div>
        <div>
          <dt>{t("members.role")}</dt>
          <dd>{t(`common:roles.${role}`)}</dd>
        </div>
      </dl>
      <h2>{t("account.changePassword")}</h2>
      <p>{t("account.changePasswordLead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={labels} values={{ minutes: kept(actionData?.values, "retryAfter") }} />
        <input type="hidden" name="username" value={email} autoComplete="username" />
        <TextField
          name="currentPassword"
          type="password"
          label={labels.currentPassword}
          autoComplete="current-password"
          error={errors.currentPassword}
          width="medium"
        />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
          error={errors.password}
          width="medium"
        />
        <TextField
          name="passwordConfirm"
          type="password"
          label={labels.passwordConfirm}
          autoComplete="new-password"
          error={errors.passwordConfirm}
          width="medium"
        />
        <SubmitButton>{t("account.save")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
