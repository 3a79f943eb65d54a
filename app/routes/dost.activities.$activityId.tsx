import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityFields } from "~/components/activity-fields";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { activityTargets, deleteActivity, getActivity, updateActivity } from "~/modules/activities/activities.server";
import { ACTIVITY_KINDS, ActivitySchema, isActivityKind } from "~/modules/activities/schemas";
import { formatDateTime } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request, "dost:review");
  const activityId = idParam(params.activityId);
  const activity = activityId ? await getActivity(scope, activityId) : undefined;
  if (!activity) throw notFound();
  // ?kind= re-asks the form for another kind, when the activity was recorded under the wrong one.
  const kindParam = new URL(request.url).searchParams.get("kind");
  const kind = isActivityKind(kindParam) ? kindParam : activity.kind;
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "activities");
  return { title: `${t("form.editTitle")}: ${activity.title} — ${t("common:shell.brand")}`, activity, kind, targets: activityTargets(language) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:review");
  const activityId = idParam(params.activityId);
  if (!activityId) throw notFound();
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const title = await deleteActivity(scope, activityId);
    if (title === null) throw notFound();
    return redirect("/dost/activities", {
      headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "activities:flash.deleted", values: { title } }) },
    });
  }
  const parsed = parseForm(ActivitySchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (!(await updateActivity(scope, activityId, parsed.data))) throw notFound();
  return redirect("/dost/activities", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "activities:flash.saved", values: { title: parsed.data.title } }) },
  });
}

export default function EditActivityPage() {
  const { t } = useTranslation("activities");
  const { activity, kind: loadedKind, targets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(ActivitySchema, actionData?.errors);
  const posted = actionData?.values.kind;
  const kind = isActivityKind(posted) ? posted : loadedKind;
  const defaults = {
    heldOn: activity.heldOn,
    title: activity.title,
    organiser: activity.organiser,
    quantity: String(activity.quantity),
    participants: activity.participants,
    notes: activity.notes,
  };
  return (
    <div className="narrow">
      <p>
        <Link to="/dost/activities" className="back-link">
          {t("form.back")}
        </Link>
      </p>
      <h1>{t("form.editTitle")}</h1>
      <p className="meta-line">
        {t("form.recorded", { name: activity.createdByName, when: formatDateTime(activity.createdAt) })}
        {activity.updatedAt !== activity.createdAt ? ` ${t("form.updated", { name: activity.updatedByName, when: formatDateTime(activity.updatedAt) })}` : null}
      </p>
      <dl className="summary-list summary-list--compact">
        <div>
          <dt>{t("form.kindLabel")}</dt>
          <dd>{t(`kinds.${kind}`)}</dd>
        </div>
        {activity.providerId ? (
          <div>
            <dt>{t("form.provider")}</dt>
            <dd>
              <Link to={`/providers/${activity.providerId}`}>{activity.providerName}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      <details className="confirm">
        <summary>{t("form.changeKind")}</summary>
        <Form method="get" className="stack">
          <p>{t("form.changeKindBody")}</p>
          <div className="field">
            <label htmlFor="change-kind">{t("form.kindLabel")}</label>
            <select id="change-kind" name="kind" className="input" defaultValue={kind}>
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t("form.changeKindButton")}
          </button>
        </Form>
      </details>

      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="save" />
        <ActivityFields key={kind} kind={kind} errors={form.errors} values={actionData?.values} defaults={defaults} help={targets.find((h) => h.kind === kind)} />
        <SubmitButton>{t("form.save")}</SubmitButton>
      </ValidatedForm>

      <section className="panel panel--warning" aria-labelledby="delete-activity">
        <h2 id="delete-activity">{t("form.deleteTitle")}</h2>
        <p>{t("form.deleteBody")}</p>
        {/* The first press only opens the question; the form inside deletes. Works without JavaScript. */}
        <details className="confirm">
          <summary>{t("form.delete")}</summary>
          <Form method="post" className="confirm__panel">
            <p>{t("form.deleteConfirm", { title: activity.title })}</p>
            <button type="submit" name="intent" value="delete" className="button button--warning">
              {t("form.deleteButton")}
            </button>
          </Form>
        </details>
      </section>
    </div>
  );
}
