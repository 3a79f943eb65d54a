import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { SubmitButton } from "~/components/validated-form";
import { formatDate, formatDateTime, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { COLUMNS } from "~/modules/instruments/import";
import { confirmStoredImport, checkUpload, previewStoredImport } from "~/modules/instruments/import-steps.server";
import {
  IMPORT_FILES_KEEP_DAYS,
  IMPORT_FILES_KEPT,
  IMPORT_MAX_BYTES,
  SHOWN_ERRORS,
  importResult,
  parseImportForm,
  storeImportFile,
} from "~/modules/instruments/import.server";
import { type JobView } from "~/modules/jobs/jobs.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const PAGE = "/business/instruments/import";

/** What the page says about the business's other running job: what it is and where to follow it. */
function busyNotice(job: JobView) {
  return { kind: job.kind, since: job.createdAt, href: job.kind === "import.check" ? null : `/business/jobs/${job.id}` };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireBusinessScope(request);
  const language = (await i18nServer.getLocale(request)) === "en" ? "en" : "vi";
  const t = await i18nServer.getFixedT(request, "imports");
  const params = new URL(request.url).searchParams;
  const title = `${t("title")} — ${t("common:shell.brand")}`;
  const columns = COLUMNS.map((c) => ({ key: c.key, header: c.header[language], hint: c.hint[language] }));
  const limits = {
    maxMegabytes: String(IMPORT_MAX_BYTES / 1024 / 1024),
    shownErrors: SHOWN_ERRORS,
    keptFiles: String(IMPORT_FILES_KEPT),
    keepDays: String(IMPORT_FILES_KEEP_DAYS),
  };
  const base = { title, columns, limits, result: null, preview: null, busy: null };
  if (params.has("done")) {
    const id = idParam(params.get("done") ?? undefined);
    const result = id ? await importResult(scope, id) : undefined;
    if (!result) throw notFound();
    return { ...base, view: "done" as const, result };
  }
  if (params.has("file")) {
    const id = idParam(params.get("file") ?? undefined);
    const preview = id ? await previewStoredImport(scope, id, vietnamDay(), language) : null;
    if (!preview) throw notFound();
    // A large file is read on a worker thread, one heavy job per business at a time.
    if ("busy" in preview) return { ...base, view: "busy" as const, busy: { ...busyNotice(preview.busy), retry: `${PAGE}?file=${id}` } };
    return { ...base, view: "preview" as const, preview };
  }
  return { ...base, view: "upload" as const };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireBusinessScope(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    // Upload: read and check the file now, so a file that cannot be read is refused beside the field.
    const { file, cleanup } = await parseImportForm(request);
    try {
      const refuse = (key: string, values: Record<string, string> = {}, status = 400) => data({ errors: { file: key }, values }, { status });
      if (file === null) return refuse("imports:file.required");
      if (file === "tooLarge") return refuse("imports:file.tooLarge", { max: String(IMPORT_MAX_BYTES / 1024 / 1024) }, 413);
      const outcome = await checkUpload(scope, file, vietnamDay());
      if ("busy" in outcome) return refuse("imports:busy.upload", {}, 409);
      if (!outcome.ok) return refuse(outcome.problem.key, outcome.problem.values);
      const fileId = await storeImportFile(scope, file);
      return redirect(`${PAGE}?file=${fileId}`);
    } finally {
      await cleanup();
    }
  }
  // Confirm: the stored file is read again; only its id comes from the form, and only this business's.
  const form = await request.formData();
  const fileId = idParam(String(form.get("fileId") ?? ""));
  const result = fileId ? await confirmStoredImport(scope, fileId, vietnamDay()) : null;
  if (!result) throw notFound();
  const flash = async (kind: "error" | "info", message: string) => ({ headers: { "Set-Cookie": await setFlash(request, { kind, message }) } });
  if ("busy" in result) return redirect(`${PAGE}?file=${fileId}`, await flash("error", "imports:busy.confirm"));
  if (!result.ok) {
    // A second confirm of the same file (a double click, another tab) shows what the first one did.
    if (result.reason === "alreadyImported") return redirect(`${PAGE}?done=${fileId}`, await flash("info", "imports:confirm.already"));
    return redirect(`${PAGE}?file=${fileId}`, await flash("error", "imports:confirm.changed"));
  }
  return redirect(`${PAGE}?done=${fileId}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ImportPage() {
  const { t } = useTranslation("imports");
  const { view, result, preview, columns, busy } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/business/instruments" className="back-link">
          {t("back")}
        </Link>
      </p>
      <h1>{t("title")}</h1>
      {view === "done" && result ? <Done result={result} /> : null}
      {view === "preview" && preview ? <Preview preview={preview} columns={columns} /> : null}
      {view === "busy" && busy ? <BusyNotice busy={busy} /> : null}
      {view === "upload" ? (
        <>
          <p className="lead">{t("upload.lead")}</p>
          <ol>
            <li>
              {t("upload.step1")} <a href="/business/instruments/template.xlsx">{t("upload.templateXlsx")}</a> ·{" "}
              <a href="/business/instruments/template.csv">{t("upload.templateCsv")}</a>
            </li>
            <li>{t("upload.step2")}</li>
            <li>{t("upload.step3")}</li>
            <li>{t("upload.step4")}</li>
          </ol>
          <UploadForm />
          <ColumnHelp columns={columns} />
        </>
      ) : null}
    </>
  );
}

function UploadForm({ again = false }: { again?: boolean }) {
  const { t } = useTranslation("imports");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const { limits } = useLoaderData<typeof loader>();
  const error = actionData?.errors.file;
  const values = actionData?.values;
  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">{again ? t("upload.againTitle") : t("upload.title")}</h2>
      <Form method="post" action={PAGE} encType="multipart/form-data" className="stack" noValidate>
        <ErrorSummary errors={actionData?.errors} labels={{ file: t("upload.fileLabel") }} values={values} />
        <div className={`field${error ? " field--error" : ""}`}>
          <label htmlFor="field-file">{t("upload.fileLabel")}</label>
          <p className="field__hint" id="file-hint">
            {t("upload.fileHint", { max: limits.maxMegabytes })} {t("upload.keptHint", { files: limits.keptFiles, days: limits.keepDays })}
          </p>
          {error ? (
            <p className="field__error" id="file-error">
              {t(error, values)}
            </p>
          ) : null}
          <input
            id="field-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={error ? "file-hint file-error" : "file-hint"}
            aria-invalid={error ? true : undefined}
            required
          />
        </div>
        <SubmitButton>{t("upload.submit")}</SubmitButton>
        <p className="meta-line" role="status">
          {uploading ? t("upload.progress") : ""}
        </p>
      </Form>
    </section>
  );
}

function ColumnHelp({ columns }: { columns: LoaderData["columns"] }) {
  const { t } = useTranslation("imports");
  return (
    <details className="item__guide">
      <summary>{t("columns.title")}</summary>
      <p>{t("columns.lead")}</p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("columns.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.column")}</th>
              <th scope="col">{t("columns.how")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.header}</th>
                <td data-label={t("columns.how")}>{c.hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Preview({ preview, columns }: { preview: NonNullable<LoaderData["preview"]>; columns: LoaderData["columns"] }) {
  const { t, i18n } = useTranslation("imports");
  const navigation = useNavigation();
  const { limits } = useLoaderData<typeof loader>();
  const n = (value: number) => formatNumber(value, i18n.language);
  const { file, problem, checked, plan } = preview;
  const importing = navigation.state === "submitting" && navigation.formData?.get("intent") === "confirm";
  return (
    <>
      <p className="lead">{t("preview.lead")}</p>
      <dl className="summary-list summary-list--compact">
        <div>
          <dt>{t("preview.file")}</dt>
          <dd>
            {file.filename} <span className="meta-line">({t("preview.uploaded", { when: formatDateTime(file.uploadedAt) })})</span>
          </dd>
        </div>
        {checked ? (
          <div>
            <dt>{t("preview.rows")}</dt>
            <dd>
              {n(checked.rowCount)}
              {checked.delimiter ? ` · ${t("preview.delimiter", { delimiter: t(`delimiters.${checked.delimiter === "\t" ? "tab" : checked.delimiter === ";" ? "semicolon" : "comma"}`) })}` : ""}
            </dd>
          </div>
        ) : null}
        {checked?.ignoredColumns.length ? (
          <div>
            <dt>{t("preview.ignored")}</dt>
            <dd>{checked.ignoredColumns.join(", ")}</dd>
          </div>
        ) : null}
      </dl>

      {problem ? (
        <div className="panel panel--warning" role="alert">
          <h2>{t("preview.problemTitle")}</h2>
          <p>{t(problem.key, problem.values)}</p>
        </div>
      ) : null}

      {checked && checked.errorCount > 0 ? (
        <section className="panel panel--warning" aria-labelledby="errors-title">
          <h2 id="errors-title">{t("preview.errorsTitle", { count: checked.errorCount, errors: n(checked.errorCount), rows: n(checked.errorRows) })}</h2>
          <p>{t("preview.errorsLead")}</p>
          {checked.errorCount > limits.shownErrors ? <p>{t("preview.errorsCut", { shown: n(limits.shownErrors), total: n(checked.errorCount) })}</p> : null}
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("preview.errorsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("preview.row")}</th>
                  <th scope="col">{t("preview.tag")}</th>
                  <th scope="col">{t("preview.column")}</th>
                  <th scope="col">{t("preview.value")}</th>
                  <th scope="col">{t("preview.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {checked.errors.map((e, i) => (
                  <tr key={`${e.row}-${e.column}-${i}`}>
                    <td data-label={t("preview.row")}>{e.row}</td>
                    <td data-label={t("preview.tag")}>{e.tag}</td>
                    <td data-label={t("preview.column")}>{e.columnLabel}</td>
                    <td data-label={t("preview.value")}>{e.value ? `“${e.value}”` : <span className="meta-line">{t("preview.empty")}</span>}</td>
                    <td data-label={t("preview.reason")}>{t(e.reason, e.values)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {plan ? (
        <section aria-labelledby="plan-title">
          <h2 id="plan-title">{t("preview.planTitle")}</h2>
          <dl className="summary-list summary-list--compact">
            <div>
              <dt>{t("preview.created")}</dt>
              <dd>{n(plan.created)}</dd>
            </div>
            <div>
              <dt>{t("preview.updated")}</dt>
              <dd>{n(plan.updated)}</dd>
            </div>
            <div>
              <dt>{t("preview.unchanged")}</dt>
              <dd>{n(plan.unchanged)}</dd>
            </div>
            <div>
              <dt>{t("preview.events")}</dt>
              <dd>
                {n(plan.events)}
                {plan.eventsOnRecord ? ` ${t("preview.eventsOnRecord", { count: plan.eventsOnRecord, formatted: n(plan.eventsOnRecord) })}` : ""}
              </dd>
            </div>
          </dl>
          <div className="table-wrap">
            <table className="table">
              <caption>{t("preview.sampleCaption", { count: plan.sample.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("preview.row")}</th>
                  <th scope="col">{t("preview.tag")}</th>
                  <th scope="col">{t("preview.name")}</th>
                  <th scope="col">{t("preview.site")}</th>
                  <th scope="col">{t("preview.type")}</th>
                  <th scope="col">{t("preview.status")}</th>
                  <th scope="col">{t("preview.lastCheck")}</th>
                  <th scope="col">{t("preview.nextDue")}</th>
                  <th scope="col">{t("preview.action")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.sample.map((r) => (
                  <tr key={r.row}>
                    <td data-label={t("preview.row")}>{r.row}</td>
                    <td data-label={t("preview.tag")}>{r.tag}</td>
                    <td data-label={t("preview.name")}>{r.name}</td>
                    <td data-label={t("preview.site")}>{r.site}</td>
                    <td data-label={t("preview.type")}>{r.type}</td>
                    <td data-label={t("preview.status")}>{r.status}</td>
                    <td data-label={t("preview.lastCheck")}>{r.event ? `${r.event.kind} ${formatDate(r.event.on)} — ${r.event.result}` : "—"}</td>
                    <td data-label={t("preview.nextDue")}>{r.nextDueOn ? formatDate(r.nextDueOn) : "—"}</td>
                    <td data-label={t("preview.action")}>
                      <span className={`tag ${r.action === "create" ? "tag--green" : r.action === "update" ? "tag--amber" : "tag--grey"}`}>{t(`actions.${r.action}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" action={PAGE} className="stack">
            <input type="hidden" name="fileId" value={file.id} />
            <p>{t("preview.confirmLead")}</p>
            <div className="action-row">
              <SubmitButton name="intent" value="confirm">
                {t("preview.confirm", { count: checked?.rowCount ?? 0, formatted: n(checked?.rowCount ?? 0) })}
              </SubmitButton>
              <Link to={PAGE}>{t("preview.other")}</Link>
            </div>
            <p className="meta-line" role="status">
              {importing ? t("preview.progress") : ""}
            </p>
          </Form>
        </section>
      ) : (
        <>
          <UploadForm again />
          <ColumnHelp columns={columns} />
        </>
      )}
    </>
  );
}

function BusyNotice({ busy }: { busy: NonNullable<LoaderData["busy"]> }) {
  const { t } = useTranslation("imports");
  return (
    <div className="panel panel--warning" role="status">
      <h2>{t("busy.title")}</h2>
      <p>{t(`busy.kind.${busy.kind === "import.check" ? "import" : busy.kind === "labels.pdf" ? "labels" : "export"}`, { when: formatDateTime(busy.since) })}</p>
      <p>{t("busy.lead")}</p>
      <div className="action-row">
        <a href={busy.retry} className="button">
          {t("busy.retry")}
        </a>
        {busy.href ? <Link to={busy.href}>{t("busy.follow")}</Link> : null}
      </div>
    </div>
  );
}

function Done({ result }: { result: NonNullable<LoaderData["result"]> }) {
  const { t, i18n } = useTranslation("imports");
  const n = (value: number) => formatNumber(value, i18n.language);
  const { counts } = result;
  return (
    <>
      <div className="flash flash--success" role="status">
        <p>{t("done.title", { file: result.filename, when: formatDateTime(result.at) })}</p>
      </div>
      <dl className="summary-list summary-list--compact">
        <div>
          <dt>{t("preview.created")}</dt>
          <dd>{n(counts.created)}</dd>
        </div>
        <div>
          <dt>{t("preview.updated")}</dt>
          <dd>{n(counts.updated)}</dd>
        </div>
        <div>
          <dt>{t("preview.unchanged")}</dt>
          <dd>{n(counts.unchanged)}</dd>
        </div>
        <div>
          <dt>{t("done.events")}</dt>
          <dd>{n(counts.events)}</dd>
        </div>
      </dl>
      <div className="action-row">
        <Link to="/business/instruments" className="button">
          {t("done.register")}
        </Link>
        <Link to={PAGE} className="button button--secondary">
          {t("done.another")}
        </Link>
      </div>
    </>
  );
}
