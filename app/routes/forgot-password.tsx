import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { requestPasswordReset } from "~/modules/accounts/login.server";
import { ForgotPasswordSchema } from "~/modules/accounts/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { deliverOutboxSoon } from "~/modules/mail/outbox.server";
import { parseForm } from "~/utils/forms";
import { publicOrigin } from "~/utils/request.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: `${t("forgot.title")} — ${t("common:shell.brand")}` };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(ForgotPasswordSchema, await readForm(request));
  if (!parsed.ok) return data({ ...parsed, sentTo: null }, { status: 400 });
  const t = await i18nServer.getFixedT(request, "accounts");
  await requestPasswordReset(parsed.data.email, publicOrigin(), (link, hours) => ({
    subject: t("mail.reset.subject"),
    text: t("mail.reset.body", { link, hours }),
  }));
  deliverOutboxSoon();
  return { ok: true as const, sentTo: parsed.data.email, errors: undefined, values: undefined };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation("accounts");
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(ForgotPasswordSchema, actionData?.errors);
  const { errors } = form;
  if (actionData?.sentTo) {
    return (
      <div className="narrow">
        <h1>{t("forgot.sentTitle")}</h1>
        <p className="lead">{t("forgot.sentBody", { email: actionData.sentTo })}</p>
        <p>
          <Link to="/login">{t("forgot.backToLogin")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("forgot.title")}</h1>
      <p className="lead">{t("forgot.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={{ email: t("fields.email") }} />
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          error={errors.email}
          defaultValue={kept(actionData?.values, "email")}
        />
        <SubmitButton>{t("forgot.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
