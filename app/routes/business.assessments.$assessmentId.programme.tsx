import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { buildProgramme, type Cell, type ProgrammeBlock } from "~/modules/assessments/programme.server";
import { isLanguage } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";
import printStyles from "~/styles/print.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles, media: "print" }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.programme.pageTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const assessmentId = idParam(params.assessmentId);
  if (!assessmentId) throw notFound();
  const locale = await i18nServer.getLocale(request);
  const programme = await buildProgramme(scope, assessmentId, isLanguage(locale) ? locale : "vi");
  if (!programme) throw notFound();
  return { programme };
}

function CellLines({ cell }: { cell: Cell }) {
  if (!Array.isArray(cell)) return <>{cell}</>;
  return (
    <>
      {cell.map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

function Block({ block }: { block: ProgrammeBlock }) {
  switch (block.kind) {
    case "paragraph":
      return <p>{block.text}</p>;
    case "subheading":
      return <h3 className="programme__subheading">{block.text}</h3>;
    case "list":
      return (
        <ul className="programme__list">
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case "facts":
      return (
        <dl className="summary-list summary-list--compact">
          {block.rows.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      );
    case "note":
      return (
        <div className="panel programme__note">
          <p>
            <strong>{block.title}</strong>
          </p>
          <p>{block.text}</p>
        </div>
      );
    case "table":
      return (
        <div className="table-wrap">
          <table className="table programme__table">
            <thead>
              <tr>
                {block.columns.map((column) => (
                  <th key={column.label} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} data-label={block.columns[c]?.label}>
                      <CellLines cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

export default function ProgrammePage() {
  const { programme: doc } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="programme-actions">
        <p>
          <Link to={`/business/assessments/${doc.assessmentId}`} className="back-link">
            {doc.labels.back}
          </Link>
        </p>
        <p>
          <a href={`/business/assessments/${doc.assessmentId}/programme.pdf`} className="button" download={doc.fileName}>
            {doc.labels.download}
          </a>
        </p>
        <p className="meta-line">{doc.labels.printHint}</p>
      </div>

      <article className="programme" lang={doc.language}>
        <header className="programme__header">
          <p className="eyebrow">{doc.docTitle}</p>
          <h1>{doc.businessName}</h1>
          <p className="lead">{doc.periodLine}</p>
          <p className="meta-line">{doc.status}</p>
        </header>

        <section aria-labelledby="programme-basis" className="programme__basis">
          <h2 id="programme-basis">{doc.basis.title}</h2>
          <p className="meta-line">{doc.basis.text}</p>
          <p className="meta-line">{doc.basis.form}</p>
        </section>

        <section aria-labelledby="programme-current-state">
          <h2 id="programme-current-state">{doc.currentState.title}</h2>
          {doc.currentState.paragraphs.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </section>

        {doc.sections.map((section) => (
          <section key={section.key} aria-labelledby={`programme-${section.key}`} className="programme__section">
            <h2 id={`programme-${section.key}`}>
              {section.number}. {section.title}
            </h2>
            {section.blocks.map((block, i) => (
              <Block key={i} block={block} />
            ))}
          </section>
        ))}

        <section aria-labelledby="programme-approval" className="programme__approval">
          <h2 id="programme-approval">{doc.approval.title}</h2>
          <p className="programme__place">{doc.approval.place}</p>
          <div className="cards programme__signatures">
            {doc.approval.signers.map((signer) => (
              <div key={signer.role} className="card programme__signer">
                <p>
                  <strong>{signer.role}</strong>
                  {signer.position ? (
                    <>
                      <br />
                      {signer.position}
                    </>
                  ) : null}
                  <br />
                  <em>{signer.hint}</em>
                </p>
                <p className="programme__sign-name">{signer.name ?? "\u00a0"}</p>
              </div>
            ))}
          </div>
        </section>
      </article>
    </>
  );
}
