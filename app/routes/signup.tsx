import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BusinessAddress, BusinessContact, OwnershipAndSectors, businessFieldLabels } from "~/components/business-fields";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { signUpBusiness } from "~/modules/accounts/businesses.server";
import { homePath } from "~/modules/accounts/permissions";
import { SignupSchema } from "~/modules/accounts/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getSessionUser } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { createSession, setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePath(user.role));
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: `${t("signup.title")} — ${t("common:shell.brand")}` };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(SignupSchema, formData, ["sectors"]);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await signUpBusiness(parsed.data);
  if (!result.ok) return data(failure(result.errors, formValues(formData, ["sectors"])), { status: 400 });
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId));
  headers.append("Set-Cookie", await setFlash(request, { kind: "success", message: "accounts:signup.done" }));
  return redirect("/business", { headers });
}

export default function SignupPage() {
  const { t } = useTranslation("accounts");
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(SignupSchema, actionData?.errors, ["sectors"]);
  const { errors } = form;
  const values = actionData?.values;
  const labels = {
    ...businessFieldLabels(t),
    password: t("fields.password"),
    passwordConfirm: t("fields.passwordConfirm"),
  };
  return (
    <div className="narrow">
      <h1>{t("signup.title")}</h1>
      <p className="lead">{t("signup.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={labels} />

        <section className="form-section" aria-labelledby="signup-business">
          <h2 id="signup-business">{t("signup.sectionBusiness")}</h2>
          <TextField
            name="legalName"
            label={labels.legalName}
            hint={t("fields.legalNameHint")}
            error={errors.legalName}
            defaultValue={kept(values, "legalName")}
            autoComplete="organization"
          />
          <TextField
            name="taxCode"
            label={labels.taxCode}
            hint={t("fields.taxCodeHint")}
            error={errors.taxCode}
            defaultValue={kept(values, "taxCode")}
            inputMode="numeric"
            width="medium"
          />
          <OwnershipAndSectors errors={errors} values={values} />
        </section>

        <section className="form-section" aria-labelledby="signup-address">
          <h2 id="signup-address">{t("signup.sectionAddress")}</h2>
          <p className="field__hint">{t("signup.provinceNote")}</p>
          <BusinessAddress errors={errors} values={values} />
        </section>

        <section className="form-section" aria-labelledby="signup-contact">
          <h2 id="signup-contact">{t("signup.sectionContact")}</h2>
          <p className="field__hint">{t("signup.contactNote")}</p>
          <BusinessContact errors={errors} values={values} emailHint={t("fields.contactEmailHint")} />
          <TextField
            name="password"
            type="password"
            label={labels.password}
            hint={t("fields.passwordHint")}
            error={errors.password}
            autoComplete="new-password"
            width="medium"
          />
          <TextField
            name="passwordConfirm"
            type="password"
            label={labels.passwordConfirm}
            error={errors.passwordConfirm}
            autoComplete="new-password"
            width="medium"
          />
        </section>

        <SubmitButton>{t("signup.submit")}</SubmitButton>
      </ValidatedForm>
      <p>
        {t("signup.haveAccount")} <Link to="/login">{t("signup.loginLink")}</Link>
      </p>
    </div>
  );
}
