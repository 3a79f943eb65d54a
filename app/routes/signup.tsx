import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BusinessAddress, BusinessContact, OwnershipAndSectors, businessFieldLabels } from "~/components/business-fields";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { SIGNUP_LINK_HOURS, requestSignup } from "~/modules/accounts/businesses.server";
import { communeChoiceErrors, communeOptions } from "~/modules/admin-units/units.server";
import { homePath } from "~/modules/accounts/permissions";
import { SignupSchema } from "~/modules/accounts/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { deliverOutboxSoon } from "~/modules/mail/outbox.server";
import { getSessionUser } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { clientAddress, publicOrigin } from "~/utils/request.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePath(user.role));
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: `${t("signup.title")} — ${t("common:shell.brand")}`, units: await communeOptions(await i18nServer.getLocale(request)) };
}

// A valid form answers "check your inbox" whether or not the address has an account (the mail says
// which): the page never tells a stranger that an address is registered. See requestSignup.
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(SignupSchema, formData, ["sectors"]);
  if (!parsed.ok) return data({ ...parsed, sentTo: null }, { status: 400 });
  const communeErrors = await communeChoiceErrors(parsed.data);
  if (communeErrors) return data({ ...failure(communeErrors, formValues(formData, ["sectors"])), sentTo: null }, { status: 400 });
  const t = await i18nServer.getFixedT(request, "accounts");
  const result = await requestSignup(parsed.data, clientAddress(context), publicOrigin(), {
    confirm: (link, hours) => ({ subject: t("mail.signupConfirm.subject"), text: t("mail.signupConfirm.body", { link, hours }) }),
    existing: ({ login, reset }) => ({ subject: t("mail.signupExisting.subject"), text: t("mail.signupExisting.body", { login, reset }) }),
  });
  const values = formValues(formData, ["sectors"]);
  if (!result.ok && result.reason === "limited") {
    return data({ ...failure({ form: "errors.signupLimited" }, { ...values, retryAfter: String(result.retryAfterMinutes) }), sentTo: null }, { status: 429 });
  }
  if (!result.ok) return data({ ...failure({ taxCode: "errors.taxCode.taken" }, values), sentTo: null }, { status: 400 });
  deliverOutboxSoon();
  return { ok: true as const, sentTo: parsed.data.contactEmail, hours: SIGNUP_LINK_HOURS, errors: undefined, values: undefined };
}

export default function SignupPage() {
  const { t } = useTranslation("accounts");
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(SignupSchema, actionData?.errors, ["sectors"]);
  const { errors } = form;
  const values = actionData?.values;
  if (actionData?.sentTo) {
    return (
      <div className="narrow">
        <h1>{t("signup.sentTitle")}</h1>
        <p className="lead">{t("signup.sentBody", { email: actionData.sentTo, hours: actionData.hours })}</p>
        <p>
          {t("signup.haveAccount")} <Link to="/login">{t("signup.loginLink")}</Link>
        </p>
      </div>
    );
  }
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
        <ErrorSummary errors={errors} labels={labels} values={{ minutes: kept(values, "retryAfter") }} />

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
          <BusinessAddress units={units} errors={errors} values={values} />
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
