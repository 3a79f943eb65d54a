import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BusinessAddress, BusinessContact, OwnershipAndSectors, businessFieldLabels } from "~/components/business-fields";
import { ErrorSummary, TextField, kept } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { getOwnBusiness, updateBusinessProfile } from "~/modules/accounts/businesses.server";
import { can } from "~/modules/accounts/permissions";
import { communeChoiceErrors, communeOptions } from "~/modules/admin-units/units.server";
import { BusinessProfileSchema } from "~/modules/accounts/schemas";
import { communeLabel, ownershipName, sectorName } from "~/modules/content/content";
import { formatDateTime } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";
import { BusinessTabs } from "~/components/business-tabs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const business = await getOwnBusiness(scope);
  if (!business) throw notFound();
  const t = await i18nServer.getFixedT(request, "accounts");
  const locale = await i18nServer.getLocale(request);
  // The list's current names: the label is made here, where DOST's list is known.
  const units = await communeOptions(locale, business.communeId);
  return {
    business,
    units,
    communeName: communeLabel(business.communeId, business.communeOther, locale),
    canEdit: can(scope.user.role, "business:editProfile"),
    title: `${t("profile.title")} — ${t("common:shell.brand")}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request, "business:editProfile");
  const formData = await readForm(request);
  const parsed = parseForm(BusinessProfileSchema, formData, ["sectors"]);
  if (!parsed.ok) return data(parsed, { status: 400 });
  // The unit the business already names stays acceptable after DOST retires it.
  const communeErrors = await communeChoiceErrors(parsed.data, (await getOwnBusiness(scope))?.communeId);
  if (communeErrors) return data(failure(communeErrors, formValues(formData, ["sectors"])), { status: 400 });
  await updateBusinessProfile(scope, parsed.data);
  return redirect("/business/profile", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "accounts:profile.saved" }) },
  });
}

export default function BusinessProfilePage() {
  const { t, i18n } = useTranslation("accounts");
  const { business, canEdit, units, communeName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(BusinessProfileSchema, actionData?.errors, ["sectors"]);
  const { errors } = form;
  const lng = i18n.language;
  const values = actionData?.values;

  if (!canEdit) {
    const rows: Array<[string, string]> = [
      [t("fields.legalName"), business.legalName],
      [t("fields.taxCode"), business.taxCode],
      [t("fields.ownership"), ownershipName(business.ownership, lng)],
      [t("fields.sectors"), business.sectors.map((s) => sectorName(s, lng)).join(", ")],
      [t("fields.commune"), communeName],
      [t("fields.streetAddress"), business.streetAddress],
      [t("fields.contactName"), business.contactName],
      [t("fields.phone"), business.phone],
      [t("fields.contactEmail"), business.contactEmail],
    ];
    return (
      <>
        <BusinessTabs />
        <h1>{t("profile.title")}</h1>
        <p className="lead">{t("profile.readOnly")}</p>
        <dl className="summary-list">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </>
    );
  }

  const labels = businessFieldLabels(t);
  return (
    <div className="narrow">
      <BusinessTabs />
      <h1>{t("profile.title")}</h1>
      <p className="lead">{t("profile.lead")}</p>
      <p className="meta-line">{t("profile.lastChanged", { when: formatDateTime(business.updatedAt) })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorSummary errors={errors} labels={labels} />
        <dl className="summary-list summary-list--compact">
          <div>
            <dt>{t("fields.taxCode")}</dt>
            <dd>
              {business.taxCode}
              <span className="field__hint"> — {t("profile.taxCodeFixed")}</span>
            </dd>
          </div>
        </dl>
        <TextField
          name="legalName"
          label={labels.legalName}
          error={errors.legalName}
          defaultValue={kept(values, "legalName", business.legalName)}
        />
        <OwnershipAndSectors errors={errors} values={values} defaults={business} />
        <BusinessAddress units={units} errors={errors} values={values} defaults={business} />
        <BusinessContact errors={errors} values={values} defaults={business} emailHint={t("profile.contactEmailHint")} />
        <SubmitButton>{t("profile.save")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
