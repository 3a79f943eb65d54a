import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommuneFields } from "~/components/commune-fields";
import { CheckboxGroup, ErrorSummary, TextField, kept, keptList } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { signUpBusiness } from "~/modules/accounts/businesses.server";
import { homePath } from "~/modules/accounts/permissions";
import { SignupSchema } from "~/modules/accounts/schemas";
import { localize, sectorsFile } from "~/modules/content/content";
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
  const { t, i18n } = useTranslation("accounts");
  const actionData = useActionData<typeof action>();
  const { errors, register, onSubmit, refusals } = useValidatedForm(SignupSchema, actionData?.errors);
  const values = actionData?.values;
  const labels: Record<string, string> = {
    legalName: t("fields.legalName"),
    taxCode: t("fields.taxCode"),
    ownership: t("fields.ownership"),
    sectors: t("fields.sectors"),
    communeId: t("fields.commune"),
    communeOther: t("fields.communeOther"),
    streetAddress: t("fields.streetAddress"),
    contactName: t("fields.contactName"),
    phone: t("fields.phone"),
    contactEmail: t("fields.contactEmail"),
    password: t("fields.password"),
    passwordConfirm: t("fields.passwordConfirm"),
  };
  return (
    <div className="narrow">
      <h1>{t("signup.title")}</h1>
      <p className="lead">{t("signup.lead")}</p>
      <ValidatedForm register={register} onSubmit={onSubmit} refusals={refusals} className="stack">
        <ErrorSummary errors={errors} labels={labels} />

        <section className="form-section" aria-labelledby="signup-business">
          <h2 id="signup-business">{t("signup.sectionBusiness")}</h2>
          <TextField
            name="legalName"
            label={labels.legalName!}
            hint={t("fields.legalNameHint")}
            error={errors.legalName}
            defaultValue={kept(values, "legalName")}
            autoComplete="organization"
          />
          <TextField
            name="taxCode"
            label={labels.taxCode!}
            hint={t("fields.taxCodeHint")}
            error={errors.taxCode}
            defaultValue={kept(values, "taxCode")}
            inputMode="numeric"
            width="medium"
          />
          <CheckboxGroup
            type="radio"
            name="ownership"
            legend={labels.ownership!}
            options={sectorsFile.ownershipTypes.map((o) => ({ value: o.id, label: localize(o.name, i18n.language) }))}
            error={errors.ownership}
            defaultValues={[kept(values, "ownership")]}
          />
          <CheckboxGroup
            name="sectors"
            legend={labels.sectors!}
            hint={t("fields.sectorsHint")}
            options={sectorsFile.sectors.map((s) => ({ value: s.id, label: localize(s.name, i18n.language) }))}
            error={errors.sectors}
            defaultValues={keptList(values, "sectors")}
          />
        </section>

        <section className="form-section" aria-labelledby="signup-address">
          <h2 id="signup-address">{t("signup.sectionAddress")}</h2>
          <p className="field__hint">{t("signup.provinceNote")}</p>
          <CommuneFields errors={errors} values={values} />
          <TextField
            name="streetAddress"
            label={labels.streetAddress!}
            hint={t("fields.streetAddressHint")}
            error={errors.streetAddress}
            defaultValue={kept(values, "streetAddress")}
            autoComplete="street-address"
          />
        </section>

        <section className="form-section" aria-labelledby="signup-contact">
          <h2 id="signup-contact">{t("signup.sectionContact")}</h2>
          <p className="field__hint">{t("signup.contactNote")}</p>
          <TextField
            name="contactName"
            label={labels.contactName!}
            error={errors.contactName}
            defaultValue={kept(values, "contactName")}
            autoComplete="name"
          />
          <TextField
            name="phone"
            type="tel"
            label={labels.phone!}
            hint={t("fields.phoneHint")}
            error={errors.phone}
            defaultValue={kept(values, "phone")}
            autoComplete="tel"
            width="medium"
          />
          <TextField
            name="contactEmail"
            type="email"
            label={labels.contactEmail!}
            hint={t("fields.contactEmailHint")}
            error={errors.contactEmail}
            defaultValue={kept(values, "contactEmail")}
            autoComplete="email"
          />
          <TextField
            name="password"
            type="password"
            label={labels.password!}
            hint={t("fields.passwordHint")}
            error={errors.password}
            autoComplete="new-password"
            width="medium"
          />
          <TextField
            name="passwordConfirm"
            type="password"
            label={labels.passwordConfirm!}
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
