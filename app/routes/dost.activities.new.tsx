import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityFields, TargetHelp } from "~/components/activity-fields";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { activityTargets, createActivity } from "~/modules/activities/activities.server";
import { ACTIVITY_KINDS, ActivitySchema, isActivityKind } from "~/modules/activities/schemas";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireDostScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDostScope(request, "dost:review");
  const kindParam = new URL(request.url).searchParams.get("kind");
  const kind = isActivityKind(kindParam) ? kindParam : null;
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "activities");
  const heading = kind ? t("form.newKindTitle", { kind: t(`kinds.${kind}`) }) : t("form.newTitle");
  return { title: `${heading} — ${t("common:shell.brand")}`, kind, targets: activityTargets(language) };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:review");
  const parsed = parseForm(ActivitySchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  await createActivity(scope, parsed.data);
  return redirect("/dost/activities", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "activities:flash.created", values: { title: parsed.data.title } }) },
  });
}

const EMPTY = { heldOn: "", title: "", organiser: "", quantity: "", participants: "", notes: "" };

export default function NewActivityPage() {
  const { t } = useTranslation("activities");
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { targets } = loaded;
  // A refused form keeps its kind even if the address lost the ?kind= it was opened with.
  const posted = actionData?.values.kind;
  const kind = loaded.kind ?? (isActivityKind(posted) ? posted : null);
  const form = useValidatedForm(ActivitySchema, actionData?.errors);
  return (
    <div className="narrow">
      <p>
        <Link to="/dost/activities" className="back-link">
          {t("form.back")}
        </Link>
      </p>
      {kind ? (
        <>
          <h1>{t("form.newKindTitle", { kind: t(`kinds.${kind}`) })}</h1>
          <ValidatedForm form={form} className="stack">
            <ActivityFields kind={kind} errors={form.errors} values={actionData?.values} defaults={EMPTY} help={targets.find((h) => h.kind === kind)} />
            <SubmitButton>{t("form.create")}</SubmitButton>
          </ValidatedForm>
        </>
      ) : (
        <>
          <h1>{t("form.newTitle")}</h1>
          {/* A plain GET form: the chosen kind comes back in the URL, and the page then asks that kind's questions. */}
          <Form method="get" className="stack">
            <fieldset className="field choices" aria-describedby="kind-hint">
              <legend>{t("form.chooseLegend")}</legend>
              <p className="field__hint" id="kind-hint">
                {t("form.chooseHint")}
              </p>
              <div className="choices__list">
                {ACTIVITY_KINDS.map((k) => (
                  <label key={k} className="choice">
                    <input type="radio" name="kind" value={k} required defaultChecked={k === "training"} />
                    <span>
                      <strong>{t(`kinds.${k}`)}</strong> — {t(`kindHints.${k}`)}
                      <br />
                      <span className="field__hint">
                        <TargetHelp help={targets.find((h) => h.kind === k)} />
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <p>
              <button type="submit" className="button">
                {t("form.continue")}
              </button>
            </p>
          </Form>
        </>
      )}
    </div>
  );
}
