import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { acceptInvitation, findOpenInvitation } from "~/modules/accounts/members.server";
import { AcceptInviteSchema } from "~/modules/accounts/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { createSession, destroySession, setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.token ?? "");
  const t = await i18nServer.getFixedT(request, "accounts");
  return {
    invitation: invitation ? { email: invitation.email, businessName: invitation.businessName } : null,
    title: `${t("invite.title")} — ${t("common:shell.brand")}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(AcceptInviteSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await acceptInvitation(params.token ?? "", parsed.data.fullName, parsed.data.password);
  if (!result.ok) {
    const key = result.reason === "emailTaken" ? "errors.inviteEmailTaken" : "errors.inviteInvalid";
    return data(failure({ form: key }, formValues(formData)), { status: 400 });
  }
  // Whoever was signed in on this browser is signed out: the new member's session replaces it.
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySession(request));
  headers.append("Set-Cookie", await createSession(result.userId));
  headers.append("Set-Cookie", await setFlash(request, { kind: "success", message: "accounts:invite.done" }));
  return redirect("/business", { headers });
}

export default function AcceptInvitePage() {
  const { t } = useTranslation("accounts");
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(AcceptInviteSchema, actionData?.errors);
  const { errors } = form;
  if (!invitation) {
    return (
      <div className="narrow">
        <h1>{t("invite.invalidTitle")}</h1>
        <p className="lead">{t("invite.invalidBody")}</p>
        <p>
          <Link to="/login">{t("invite.toLogin")}</Link>
        </p>
      </div>
    );
  }
  const labels = {
    fullName: t("fields.fullName"),
    password: t("fields.password"),
    passwordConfirm: t("fields.passwordConfirm"),
  };
  return (
    <div className="narrow">
      <h1>{t("invite.title")}</h1>
      <p className="lead">{t("invite.lead", { business: invitation.businessName, email: invitation.email })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={labels} />
        <input type="hidden" name="username" value={invitation.email} autoComplete="username" />
        <TextField
          name="fullName"
          label={labels.fullName}
          autoComplete="name"
          error={errors.fullName}
          defaultValue={kept(actionData?.values, "fullName")}
        />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
          error={errors.password}
        />
        <TextField
          name="passwordConfirm"
          type="password"
          label={labels.passwordConfirm}
          autoComplete="new-password"
          error={errors.passwordConfirm}
        />
        <SubmitButton>{t("invite.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
