import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAssessment, sectionsOf } from "~/modules/assessments/assessments.server";
import { localize } from "~/modules/content/content";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Until support requests are built, this page says what the request will carry and what happens next.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const url = new URL(request.url);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "assessments");
  const id = idParam(url.searchParams.get("assessment") ?? undefined);
  const assessment = id ? await getAssessment(scope, id) : undefined;
  const itemKey = url.searchParams.get("item");
  const item = assessment ? sectionsOf(assessment).sections.flatMap((s) => s.items).find((i) => i.key === itemKey) : undefined;
  return {
    title: `${t("requestSoon.title")} — ${t("common:shell.brand")}`,
    gap: item ? { question: localize(item.question, language), action: localize(item.action, language) } : null,
    backTo: assessment ? `/business/assessments/${assessment.id}/result` : "/business/assessments",
  };
}

export default function RequestSupportSoon() {
  const { t } = useTranslation("assessments");
  const { gap, backTo } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("requestSoon.title")}</h1>
      {gap ? (
        <div className="panel">
          <p>
            <strong>{t("requestSoon.gap")}</strong> {gap.question}
          </p>
          <p>
            <strong>{t("result.action")}</strong> {gap.action}
          </p>
        </div>
      ) : null}
      <p>{t("requestSoon.body")}</p>
      <p>{t("requestSoon.meanwhile")}</p>
      <p>
        <Link to={backTo}>{t("requestSoon.back")}</Link>
      </p>
    </div>
  );
}
