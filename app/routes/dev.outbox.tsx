import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Demo only: lets a tester read the mails (reset links, invitations) the portal would send.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!env().isDemo) throw notFound();
  await requireDostScope(request, "dost:admin");
  const mails = await db()
    .selectFrom("outbox")
    .select(["id", "to_address as to", "subject", "body_text as body", "created_at as createdAt", "sent_at as sentAt"])
    .orderBy("id", "desc")
    .limit(100)
    .execute();
  const t = await i18nServer.getFixedT(request);
  return { mails, title: `${t("outbox.title")} — ${t("shell.brand")}` };
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.lead")}</p>
      {mails.length ? (
        <ol className="mail-list">
          {mails.map((mail) => (
            <li key={mail.id} className="mail">
              <h2 className="mail__subject">{mail.subject}</h2>
              <p className="meta-line">
                {t("outbox.to", { to: mail.to })} · {formatDateTime(mail.createdAt)} ·{" "}
                {mail.sentAt ? t("outbox.sent") : t("outbox.notSent")}
              </p>
              <pre className="mail__body">{mail.body}</pre>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty-state">{t("outbox.empty")}</p>
      )}
    </>
  );
}
