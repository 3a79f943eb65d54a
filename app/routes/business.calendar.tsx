import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { ensureCalendarToken, resetCalendarToken } from "~/modules/instruments/calendar.server";
import { dueCounts } from "~/modules/instruments/instruments.server";
import { requireBusinessScope } from "~/utils/auth.server";
import { publicOrigin } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

function feedUrls(origin: string, token: string) {
  const https = `${origin}/calendar/${token}.ics`;
  // webcal: opens the phone's or the Mac's calendar app straight on "subscribe".
  return { feedUrl: https, webcalUrl: https.replace(/^https?:/, "webcal:") };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const [token, counts, t] = await Promise.all([ensureCalendarToken(scope), dueCounts(scope, vietnamDay()), i18nServer.getFixedT(request, "reminders")]);
  return {
    ...feedUrls(publicOrigin(), token),
    eventCount: counts.inService - counts.unknown,
    title: `${t("calendar.page.title")} — ${t("common:shell.brand")}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "reset") return new Response("Bad request", { status: 400 });
  await resetCalendarToken(scope);
  return redirect("/business/calendar", {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "reminders:calendar.page.resetDone" }) },
  });
}

/** Shown only once the page runs JavaScript; without it the address is still there to select and copy. */
function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation("reminders");
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          void navigator.clipboard.writeText(text).then(() => setCopied(true));
        }}
      >
        {t("calendar.page.copy")}
      </button>
      <span role="status">{copied ? t("calendar.page.copied") : ""}</span>
    </>
  );
}

const CLIENTS = ["google", "outlook", "iphone", "android"] as const;

export default function CalendarSettingsPage() {
  const { t } = useTranslation("reminders");
  const { feedUrl, webcalUrl, eventCount } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("calendar.page.title")}</h1>
      <p className="lead">{t("calendar.page.lead")}</p>
      <p>{t("calendar.page.count", { number: eventCount })}</p>

      <div className="field">
        <label htmlFor="calendar-url">{t("calendar.page.urlLabel")}</label>
        <p id="calendar-url-hint" className="field__hint">
          {t("calendar.page.urlHint")}
        </p>
        <input
          id="calendar-url"
          className="input input--full"
          type="text"
          readOnly
          value={feedUrl}
          aria-describedby="calendar-url-hint"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div className="action-row">
        <CopyButton text={feedUrl} />
        <a href={webcalUrl}>{t("calendar.page.openInApp")}</a>
      </div>

      <h2>{t("calendar.page.howTitle")}</h2>
      {CLIENTS.map((client) => (
        <section key={client} aria-labelledby={`how-${client}`}>
          <h3 id={`how-${client}`}>{t(`calendar.page.how.${client}.title`)}</h3>
          <ol>
            {Object.values(t(`calendar.page.how.${client}.steps`, { returnObjects: true }) as Record<string, string>).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
      ))}
      <p className="field__hint">{t("calendar.page.refreshNote")}</p>

      <section className="panel panel--warning" aria-labelledby="reset-title">
        <h2 id="reset-title">{t("calendar.page.resetTitle")}</h2>
        <p>{t("calendar.page.resetLead")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="reset" className="button button--warning">
            {t("calendar.page.resetButton")}
          </button>
        </Form>
      </section>
    </div>
  );
}
