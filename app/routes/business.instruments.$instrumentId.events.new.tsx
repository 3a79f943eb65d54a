import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, ErrorSummary, SelectField, TextField, kept } from "~/components/form";
import { ProviderSuggestField } from "~/components/provider-parts";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { formatDate, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { eventsOf, getInstrument, recordEvents } from "~/modules/instruments/instruments.server";
import { EventSchema } from "~/modules/instruments/schemas";
import { providerIdByName, providersFor } from "~/modules/providers/providers.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { failure, formValues, parseForm } from "~/utils/forms";
import { idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { ACCEPT_ATTRIBUTE } from "~/utils/uploads";
import { readForm } from "~/utils/read-form.server";
import { checkUpload } from "~/utils/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function load(request: Request, instrumentIdParam: string | undefined) {
  const scope = await requireBusinessScope(request);
  const id = idParam(instrumentIdParam);
  const instrument = id ? await getInstrument(scope, id) : undefined;
  if (!instrument) throw notFound();
  return { scope, instrument };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { instrument } = await load(request, params.instrumentId);
  const t = await i18nServer.getFixedT(request, "instruments");
  const correctId = idParam(new URL(request.url).searchParams.get("correct") ?? undefined);
  const corrected = correctId ? (await eventsOf(db(), instrument.id)).find((e) => e.id === correctId) : undefined;
  if (correctId && !corrected) throw notFound();
  return {
    title: `${t("event.title", { tag: instrument.tag })} — ${t("common:shell.brand")}`,
    instrument: { id: instrument.id, tag: instrument.tag, name: instrument.name },
    today: vietnamDay(),
    corrected: corrected ?? null,
    // Directory providers whose scope covers this instrument's type, offered beside free text.
    providers: await providersFor([instrument.typeId]),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, instrument } = await load(request, params.instrumentId);
  const formData = await readForm(request, { uploads: true });
  const parsed = parseForm(EventSchema, formData);
  const upload = await checkUpload(formData.get("certificate"));
  const values = formValues(formData);
  if (!parsed.ok || !upload.ok) {
    const errors = parsed.ok ? {} : parsed.errors;
    if (!upload.ok) errors.certificate = upload.problem === "tooLarge" ? "assessments:errors.fileTooLarge" : "assessments:errors.fileType";
    return data(failure(errors, Object.fromEntries(Object.entries(values).filter(([k]) => k !== "certificate"))), { status: 400 });
  }
  const input = parsed.data;
  if (input.performedOn > vietnamDay()) return data(failure({ performedOn: "instruments:errors.future" }, values), { status: 400 });
  const supersedes = idParam(input.supersedesEventId || undefined);
  const result = await recordEvents(scope, [instrument.id], {
    kind: input.kind,
    performedOn: input.performedOn,
    provider: input.provider,
    providerId: await providerIdByName(input.provider),
    certificateNo: input.certificateNo,
    result: input.kind === "override" ? null : (input.result as "pass" | "fail" | "adjusted"),
    notes: input.notes,
    overrideDueOn: input.kind === "override" ? input.overrideDueOn : null,
    supersedesEventId: supersedes,
    impact: input.result === "fail" ? { since: input.impactSince, measured: input.impactMeasured, action: input.impactAction } : null,
    upload: upload.upload,
  });
  if (!result) throw notFound();
  return redirect(`/business/instruments/${instrument.id}`, {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "instruments:event.done" }) },
  });
}

export default function RecordEventPage() {
  const { t } = useTranslation("instruments");
  const { instrument, today, corrected, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(EventSchema, actionData?.errors);
  const { errors } = form;
  const values = actionData?.values;
  const labels: Record<string, string> = {
    kind: t("event.kind"),
    performedOn: t("event.performedOn"),
    provider: t("event.provider"),
    certificateNo: t("event.certificateNo"),
    result: t("event.result"),
    certificate: t("event.certificate"),
    notes: t("event.notes"),
    overrideDueOn: t("event.overrideDueOn"),
    impactSince: t("event.impactSince"),
    impactMeasured: t("event.impactMeasured"),
    impactAction: t("event.impactAction"),
  };
  return (
    <div className="narrow">
      <p>
        <Link to={`/business/instruments/${instrument.id}`} className="back-link">
          {t("detail.back", { tag: instrument.tag })}
        </Link>
      </p>
      <h1>{t("event.title", { tag: instrument.tag })}</h1>
      <p className="lead">{instrument.name}</p>
      {corrected ? (
        <p className="flash flash--info">{t("event.correcting", { id: corrected.id, date: formatDate(corrected.performedOn) })}</p>
      ) : null}
      <ValidatedForm form={form} encType="multipart/form-data" className="stack">
        <ErrorSummary errors={errors} labels={labels} />
        <input type="hidden" name="supersedesEventId" value={corrected ? String(corrected.id) : ""} />
        <CheckboxGroup
          type="radio"
          name="kind"
          legend={labels.kind!}
          options={["verification", "calibration", "test", "override"].map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          error={errors.kind}
          defaultValues={[kept(values, "kind", corrected?.kind ?? "verification")]}
        />
        <TextField name="performedOn" type="date" label={labels.performedOn!} hint={t("event.performedOnHint")} error={errors.performedOn} defaultValue={kept(values, "performedOn", corrected?.performedOn ?? today)} width="medium" />
        <ProviderSuggestField
          name="provider"
          label={labels.provider!}
          hint={t("event.providerHint")}
          error={errors.provider}
          defaultValue={kept(values, "provider", corrected?.provider ?? "")}
          suggestions={providers}
        />
        <TextField name="certificateNo" label={labels.certificateNo!} error={errors.certificateNo} defaultValue={kept(values, "certificateNo", corrected?.certificateNo ?? "")} width="medium" />
        <SelectField
          name="result"
          label={labels.result!}
          hint={t("event.resultHint")}
          options={["pass", "adjusted", "fail"].map((r) => ({ value: r, label: t(`result.${r}`) }))}
          placeholder={t("fields.choose")}
          error={errors.result}
          defaultValue={kept(values, "result", corrected?.result ?? "")}
        />
        <div className={`field${errors.certificate ? " field--error" : ""}`}>
          <label htmlFor="field-certificate">{labels.certificate}</label>
          <p className="field__hint">{t("event.certificateHint")}</p>
          {errors.certificate ? <p className="field__error">{t(errors.certificate)}</p> : null}
          <input id="field-certificate" name="certificate" type="file" accept={ACCEPT_ATTRIBUTE} className="input-file" />
        </div>
        <TextField name="notes" label={labels.notes!} hint={t("event.notesHint")} error={errors.notes} defaultValue={kept(values, "notes", "")} />
        <fieldset className="panel">
          <legend>{t("event.overrideTitle")}</legend>
          <p className="field__hint">{t("event.overrideHint")}</p>
          <TextField name="overrideDueOn" type="date" label={labels.overrideDueOn!} error={errors.overrideDueOn} defaultValue={kept(values, "overrideDueOn", "")} width="medium" />
        </fieldset>
        <fieldset className="panel panel--warning">
          <legend>{t("event.impactTitle")}</legend>
          <p className="field__hint">{t("event.impactHint")}</p>
          <TextField name="impactSince" type="date" label={labels.impactSince!} error={errors.impactSince} defaultValue={kept(values, "impactSince", "")} width="medium" />
          <TextField name="impactMeasured" label={labels.impactMeasured!} error={errors.impactMeasured} defaultValue={kept(values, "impactMeasured", "")} />
          <TextField name="impactAction" label={labels.impactAction!} error={errors.impactAction} defaultValue={kept(values, "impactAction", "")} />
        </fieldset>
        <SubmitButton>{t("event.submit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}
