import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Delta, SectionScoresTable } from "~/components/section-scores";
import { getAssessment } from "~/modules/assessments/assessments.server";
import { assessmentResult } from "~/modules/assessments/result.server";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.assessmentId);
  const assessment = id ? await getAssessment(scope, id) : undefined;
  if (!assessment) throw notFound();
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "assessments");
  return {
    title: `${t("result.title")} — ${t("common:shell.brand")}`,
    assessment,
    result: await assessmentResult(scope, assessment, language),
  };
}

export default function ResultPage() {
  const { t, i18n } = useTranslation("assessments");
  const { assessment, result } = useLoaderData<typeof loader>();
  const percent = (value: number) => `${formatNumber(value, i18n.language)}%`;
  const base = `/business/assessments/${assessment.id}`;
  return (
    <>
      <p>
        <Link to={base} className="back-link">
          {t("section.back")}
        </Link>
      </p>
      <h1>{t("result.title")}</h1>
      <p className="lead">
        {assessment.status === "submitted"
          ? t("result.leadSubmitted", { date: formatDate(assessment.startedAt), when: formatDateTime(assessment.submittedAt) })
          : t("result.leadDraft", { date: formatDate(assessment.startedAt) })}
      </p>
      {result.unanswered ? <p className="flash flash--info">{t("result.unanswered", { count: result.unanswered })}</p> : null}

      <section className="score-card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t("result.overall")}</h2>
        <p className="score-card__value">
          {result.overall === null ? t("result.noScore") : percent(result.overall)}{" "}
          {result.comparison ? <Delta value={result.comparison.delta} /> : null}
        </p>
        {result.overall !== null ? (
          <meter min={0} max={100} low={40} high={85} optimum={100} value={result.overall} aria-label={t("result.overall")} />
        ) : null}
        {result.level ? (
          <>
            <p className="score-card__level">
              {t("result.level")}: <strong>{result.level.name}</strong>
            </p>
            <p>{result.level.meaning}</p>
          </>
        ) : null}
        <p className="field__hint">
          {t("result.levels")}: {result.levels.map((l) => `${l.name} (${t("result.from", { score: l.minScore })})`).join(" · ")}
        </p>
        <p className="field__hint">{result.basis}</p>
      </section>

      <h2>{t("result.bySection")}</h2>
      <SectionScoresTable sections={result.sections} hrefOf={(key) => `${base}/sections/${key}`} />

      <h2>{t("result.gapsTitle")}</h2>
      <p>{t("result.gapsLead")}</p>
      {result.gaps.length ? (
        <ol className="gap-list">
          {result.gaps.map((gap) => (
            <li key={gap.key} className="gap">
              <p className="gap__meta meta-line">
                {gap.number} · {gap.sectionTitle} · {t(`answers.${gap.answer ?? "none"}`)} ·{" "}
                {t("result.weight", { weight: gap.weight })}
              </p>
              <h3 className="gap__question">{gap.question}</h3>
              <p>
                <strong>{t("result.action")}</strong> {gap.action}
              </p>
              <Link to={`/business/requests/new?${new URLSearchParams({ origin: "gap", assessment: String(assessment.id), item: gap.key })}`}>
                {t("result.requestSupport")}
                <span className="visually-hidden">: {gap.question}</span>
              </Link>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty-state">{t("result.noGaps")}</p>
      )}

      {result.comparison ? (
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">{t("result.changesTitle", { when: formatDate(result.comparison.submittedAt) })}</h2>
          {result.comparison.changes.length ? (
            <ul className="plain-list">
              {result.comparison.changes.map((change) => (
                <li key={change.key} className="plain-list__row">
                  <span>
                    {change.number} {change.question}
                  </span>
                  <span className={`tag ${change.direction === "better" ? "tag--green" : "tag--red"}`}>
                    {t(`answers.${change.from ?? "none"}`)} → {t(`answers.${change.to ?? "none"}`)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("result.noChanges")}</p>
          )}
        </section>
      ) : null}

      <div className="action-row">
        <Link to={`${base}/programme`} className="button">
          {t("overview.programme")}
        </Link>
      </div>
    </>
  );
}
