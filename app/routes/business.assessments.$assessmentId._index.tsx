import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { answersOf, getAssessment, sectionProgress, sectionsOf } from "~/modules/assessments/assessments.server";
import { localize } from "~/modules/content/content";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
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
  const { checklist, sections } = sectionsOf(assessment);
  const progress = sectionProgress(sections, await answersOf(assessment.id));
  return {
    title: `${t("overview.title", { date: formatDate(assessment.startedAt) })} — ${t("common:shell.brand")}`,
    assessment,
    basis: localize(checklist.basis, language),
    sections: sections.map((section, i) => ({
      key: section.key,
      title: localize(section.title, language),
      intro: localize(section.intro, language),
      ...progress[i]!,
    })),
  };
}

const STATUS_TAG = { notStarted: "tag--grey", inProgress: "tag--amber", done: "tag--green" } as const;

export default function AssessmentOverview() {
  const { t } = useTranslation("assessments");
  const { assessment, basis, sections } = useLoaderData<typeof loader>();
  const answered = sections.reduce((n, s) => n + s.answered, 0);
  const total = sections.reduce((n, s) => n + s.total, 0);
  const done = sections.filter((s) => s.status === "done").length;
  const isDraft = assessment.status === "draft";
  const base = `/business/assessments/${assessment.id}`;
  return (
    <>
      <p>
        <Link to="/business/assessments" className="back-link">
          {t("overview.back")}
        </Link>
      </p>
      <h1>{t("overview.title", { date: formatDate(assessment.startedAt) })}</h1>
      <p className="lead">{isDraft ? t("overview.leadDraft") : t("overview.leadSubmitted", { when: formatDateTime(assessment.submittedAt) })}</p>
      <p className="field__hint">{basis}</p>
      <dl className="summary-list summary-list--compact">
        <div>
          <dt>{t("overview.progress")}</dt>
          <dd>
            {t("overview.progressValue", { answered, total, done, sections: sections.length })}{" "}
            <progress max={total} value={answered} aria-label={t("overview.progress")} />
          </dd>
        </div>
        <div>
          <dt>{t("overview.lastEdit")}</dt>
          <dd>{t("overview.lastEditValue", { name: assessment.updatedByName, when: formatDateTime(assessment.updatedAt) })}</dd>
        </div>
      </dl>

      <ol className="task-list">
        {sections.map((section, index) => (
          <li key={section.key} className="task-list__item">
            <div>
              <h2 className="task-list__title">
                <Link to={`${base}/sections/${section.key}`}>
                  {index + 1}. {section.title}
                </Link>
              </h2>
              <p>{section.intro}</p>
              <p className="meta-line">{t("overview.sectionCount", { answered: section.answered, total: section.total })}</p>
            </div>
            <span className={`tag ${STATUS_TAG[section.status]}`}>{t(`status.${section.status}`)}</span>
          </li>
        ))}
      </ol>

      <div className="action-row">
        <Link to={`${base}/result`} className="button button--secondary">
          {t("overview.result")}
        </Link>
        <Link to={`${base}/programme`} className="button button--secondary">
          {t("overview.programme")}
        </Link>
        {isDraft ? (
          <Link to={`${base}/submit`} className="button">
            {t("overview.submit")}
          </Link>
        ) : null}
      </div>
    </>
  );
}
