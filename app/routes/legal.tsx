import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localize } from "~/modules/content/content";
import { formatDate } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { citation, controlList } from "~/modules/legal/rules";
import { legalSources } from "~/modules/legal/sources";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

// Public: what the portal's legal facts rest on. The list part is read from the catalogue DOST
// keeps, so a correction made in the portal shows here at once.
export async function loader({ request }: LoaderFunctionArgs) {
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "catalogue");
  const catalogue = await legalCatalogue();
  const collator = new Intl.Collator(language === "en" ? "en" : "vi");
  const listed = catalogue.types
    .filter((type) => type.rows.length > 0)
    .map((type) => ({
      id: type.id,
      name: catalogue.typeName(type.id, language),
      listItem: type.listItem,
      retired: Boolean(type.retiredAt),
      currentId: type.current?.id ?? null,
      rows: type.rows.map((row) => ({
        id: row.id,
        effectiveFrom: row.effectiveFrom,
        listed: row.listed,
        controls: controlList(row.controls),
        cycleMonths: row.cycleMonths,
        citation: citation(row),
        basis: row.basis,
        note: row.note,
        retractedAt: row.retractedAt,
        retractReason: row.retractReason,
      })),
    }))
    .sort((a, b) => (Number(a.listItem) || 999) - (Number(b.listItem) || 999) || collator.compare(a.name, b.name));
  const unlisted = catalogue.types
    .filter((type) => type.rows.length === 0 && !type.retiredAt)
    .map((type) => catalogue.typeName(type.id, language))
    .sort(collator.compare);
  return {
    title: `${t("basisPage.title")} — ${t("common:shell.brand")}`,
    description: t("basisPage.lead"),
    checkedOn: legalSources.checkedOn,
    notices: legalSources.notices.map((notice) => localize(notice, language)),
    documents: legalSources.documents.map((doc) => ({
      id: doc.id,
      title: localize(doc.title, language),
      dates: localize(doc.dates, language),
      takes: localize(doc.takes, language),
      where: localize(doc.where, language),
      basis: doc.basis,
    })),
    listed,
    unlisted,
  };
}

export default function LegalBasisPage() {
  const { t } = useTranslation("catalogue");
  const { checkedOn, notices, documents, listed, unlisted } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("basisPage.title")}</h1>
      <p className="lead">{t("basisPage.lead")}</p>
      <p className="meta-line">{t("basisPage.checkedOn", { date: formatDate(checkedOn) })}</p>
      {notices.map((notice) => (
        <div className="panel panel--warning" role="note" key={notice}>
          <p>{notice}</p>
        </div>
      ))}
      <section aria-labelledby="basis-levels">
        <h2 id="basis-levels">{t("basisPage.levelsTitle")}</h2>
        <dl className="summary-list summary-list--compact">
          {(["confirmed", "secondary", "inferred"] as const).map((basis) => (
            <div key={basis}>
              <dt>{t(`basis.${basis}`)}</dt>
              <dd>{t(`basisPage.levels.${basis}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="basis-documents">
        <h2 id="basis-documents">{t("basisPage.documentsTitle")}</h2>
        {documents.map((doc) => (
          <article className="panel" id={`doc-${doc.id}`} key={doc.id} aria-labelledby={`doc-${doc.id}-title`}>
            <h3 id={`doc-${doc.id}-title`}>{doc.title}</h3>
            <p className="meta-line">{doc.dates}</p>
            <p>{doc.takes}</p>
            <dl className="summary-list summary-list--compact">
              <div>
                <dt>{t("basisPage.where")}</dt>
                <dd>{doc.where}</dd>
              </div>
              <div>
                <dt>{t("status.basis")}</dt>
                <dd>{t(`basis.${doc.basis}`)}</dd>
              </div>
            </dl>
          </article>
        ))}
      </section>
      <section aria-labelledby="basis-list">
        <h2 id="basis-list">{t("basisPage.listTitle")}</h2>
        <p>{t("basisPage.listLead")}</p>
        {listed.map((type) => (
          <section className="panel" id={`type-${type.id}`} key={type.id} aria-labelledby={`type-${type.id}-title`}>
            <h3 id={`type-${type.id}-title`}>
              {type.listItem ? t("basisPage.item", { item: type.listItem }) : null} {type.name}
            </h3>
            {type.retired ? <p className="meta-line">{t("basisPage.retired")}</p> : null}
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t("basisPage.rowsCaption", { name: type.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("type.colFrom")}</th>
                    <th scope="col">{t("type.colCycle")}</th>
                    <th scope="col">{t("type.colControls")}</th>
                    <th scope="col">{t("type.colSource")}</th>
                    <th scope="col">{t("type.colBasis")}</th>
                  </tr>
                </thead>
                <tbody>
                  {type.rows.map((row) => {
                    const Cell = row.retractedAt ? "del" : "span";
                    return (
                      <tr key={row.id}>
                        <td>
                          <Cell>{formatDate(row.effectiveFrom)}</Cell>
                          {row.id === type.currentId ? <span className="tag">{t("type.inForce")}</span> : null}
                        </td>
                        <td>
                          <Cell>
                            {!row.listed
                              ? t("type.listedNo")
                              : row.cycleMonths
                                ? t("status.cycleMonths", { count: row.cycleMonths })
                                : t("status.noPeriodic")}
                          </Cell>
                        </td>
                        <td>{row.controls.map((c) => t(`controls.${c}`)).join(", ")}</td>
                        <td>
                          {row.citation}
                          {row.note ? <p className="field__hint">{row.note}</p> : null}
                          {row.retractedAt ? (
                            <p className="field__hint">{t("type.retracted", { date: formatDate(row.retractedAt.slice(0, 10)), reason: row.retractReason ?? "" })}</p>
                          ) : null}
                        </td>
                        <td>{t(`basis.${row.basis}`)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        ))}
        <h3>{t("basisPage.unlistedTitle")}</h3>
        <p>{t("basisPage.unlistedLead")}</p>
        <p>{unlisted.join("; ")}</p>
      </section>
    </>
  );
}
