import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { authenticate } from "~/modules/accounts/login.server";
import { homePath } from "~/modules/accounts/permissions";
import { LoginSchema } from "~/modules/accounts/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getSessionUser, safeRedirect } from "~/utils/auth.server";
import { failure, parseForm } from "~/utils/forms";
import { clientAddress } from "~/utils/request.server";
import { createSession } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePath(user.role));
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: `${t("login.title")} — ${t("common:shell.brand")}` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(LoginSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const result = await authenticate(email, password, clientAddress(context));
  if (!result.ok) {
    const values = { email, redirectTo: redirectTo ?? "" };
    if (result.reason === "locked") {
      return data(failure({ form: "errors.loginLocked" }, { ...values, retryAfter: String(result.retryAfterMinutes) }), {
        status: 429,
      });
    }
    return data(failure({ form: "errors.loginInvalid" }, values), { status: 400 });
  }
  return redirect(safeRedirect(redirectTo, homePath(result.role)), {
    headers: { "Set-Cookie": await createSession(result.userId) },
  });
}

export default function LoginPage() {
  const { t } = useTranslation("accounts");
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const form = useValidatedForm(LoginSchema, actionData?.errors);
  const { errors } = form;
  const values = actionData?.values;
  const labels = { email: t("fields.email"), password: t("fields.password") };
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      <p className="lead">{t("login.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={labels} values={{ minutes: kept(values, "retryAfter") }} />
        <input type="hidden" name="redirectTo" value={kept(values, "redirectTo", searchParams.get("redirectTo") ?? "")} />
        <TextField
          name="email"
          type="email"
          label={labels.email}
          autoComplete="username"
          error={errors.email}
          defaultValue={kept(values, "email")}
          required
        />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <SubmitButton>{t("login.submit")}</SubmitButton>
      </ValidatedForm>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/signup">{t("login.signupLink")}</Link>
      </p>
    </div>
  );
}
