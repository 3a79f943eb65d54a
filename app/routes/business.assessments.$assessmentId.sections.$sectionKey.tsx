import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { type ShouldRevalidateFunction, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { type ChangeEvent, type FocusEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { type ItemField, fieldName, MAX_NOTE_LENGTH, parseItemFields, readItemState } from "~/modules/assessments/answer-form";
import { type AnswerInput, answerFingerprint, answersOf, getAssessment, saveAnswers, sectionsOf } from "~/modules/assessments/assessments.server";
import { REGISTER_EVIDENCE, registerAnswer } from "~/modules/assessments/live-data";
import { registerFacts } from "~/modules/assessments/live-data.server";
import { ANSWERS } from "~/modules/assessments/scoring";
import { localize } from "~/modules/content/content";
import { formatDateTime, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { notFound, requireBusinessScope } from "~/utils/auth.server";
import { nowIso } from "~/utils/db.server";
import { type FieldErrors } from "~/utils/forms";
import { idParam } from "~/utils/request.server";
import { setFlash } from "~/utils/session.server";
import { ACCEPT_ATTRIBUTE } from "~/utils/uploads";
import { readForm } from "~/utils/read-form.server";
import { checkUpload } from "~/utils/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function loadSection(request: Request, params: LoaderFunctionArgs["params"]) {
  const scope = await requireBusinessScope(request);
  const id = idParam(params.assessmentId);
  const assessment = id ? await getAssessment(scope, id) : undefined;
  if (!assessment) throw notFound();
  const { sections } = sectionsOf(assessment);
  const index = sections.findIndex((s) => s.key === params.sectionKey);
  if (index < 0) throw notFound();
  return { scope, assessment, sections, index, section: sections[index]! };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assessment, sections, index, section } = await loadSection(request, params);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "assessments");
  const answers = await answersOf(assessment.id);
  const title = localize(section.title, language);
  const facts = section.items.some((item) => item.registerCheck) ? await registerFacts({ businessId: assessment.businessId }, vietnamDay()) : null;
  return {
    title: `${title} — ${t("common:shell.brand")}`,
    assessmentId: assessment.id,
    readOnly: assessment.status !== "draft",
    section: { key: section.key, title, intro: localize(section.intro, language), number: index + 1, of: sections.length },
    previous: sections[index - 1]?.key ?? null,
    next: sections[index + 1]?.key ?? null,
    items: section.items.map((item) => {
      const answer = answers.get(item.key);
      return {
        key: item.key,
        question: localize(item.question, language),
        goodLooksLike: localize(item.goodLooksLike, language),
        evidence: localize(item.evidence, language),
        weight: item.weight,
        answer: answer?.answer ?? null,
        note: answer?.note ?? "",
        evidenceUrl: answer?.evidenceUrl ?? "",
        file: answer?.evidenceFileId ? { id: answer.evidenceFileId, name: answer.evidenceFileName, sha256: answer.evidenceSha256 } : null,
        updated: answer ? { by: answer.updatedByName, at: answer.updatedAt } : null,
        // Posted back with the form: what this page showed, so a save writes only what the user changed.
        version: answer?.version ?? 0,
        loaded: answerFingerprint(answer),
        live: item.registerCheck && facts ? { answer: registerAnswer(item.registerCheck, facts), evidence: REGISTER_EVIDENCE[item.registerCheck] } : null,
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, assessment, section, sections, index } = await loadSection(request, params);
  const formData = await readForm(request, { uploads: true });
  const intent = String(formData.get("intent") ?? "save");
  if (assessment.status !== "draft") {
    return data({ ok: false as const, errors: { form: "assessments:errors.submitted" } as FieldErrors, values: {}, savedAt: null, conflicts: undefined, item: undefined }, { status: 409 });
  }
  const read = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : null;
  };
  const autosaveItem = intent === "autosave" ? String(formData.get("item") ?? "") : null;
  const items = section.items.filter((item) => autosaveItem === null || item.key === autosaveItem);
  if (!items.length) throw notFound();

  const errors: FieldErrors = {};
  const inputs: AnswerInput[] = [];
  for (const item of items) {
    const parsed = parseItemFields(item.key, read, errors);
    let upload = null;
    if (autosaveItem === null) {
      const checked = await checkUpload(formData.get(fieldName("file", item.key)));
      if (checked.ok) upload = checked.upload;
      else errors[fieldName("file", item.key)] = checked.problem === "tooLarge" ? "assessments:errors.fileTooLarge" : "assessments:errors.fileType";
    }
    inputs.push({ ...parsed, upload, ...readItemState(item.key, read) });
  }
  const values = Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  // A refused autosave is an answer to show beside the item, not a failed request.
  if (Object.keys(errors).length) {
    return data({ ok: false as const, errors, values, savedAt: null, conflicts: undefined, item: undefined }, { status: autosaveItem === null ? 400 : 200 });
  }

  const result = await saveAnswers(scope, assessment.id, section.key, inputs);
  if (result === "notFound") throw notFound();
  if (result === "submitted") {
    return data({ ok: false as const, errors: { form: "assessments:errors.submitted" } as FieldErrors, values, savedAt: null, conflicts: undefined, item: undefined }, { status: 409 });
  }
  if (typeof result === "object") {
    // Saved by someone else since this page was loaded: theirs is kept, shown beside what this user
    // typed (kept in the form), and the user chooses. The other items are saved.
    const conflictErrors: FieldErrors = {};
    const conflicts: Record<string, Conflict> = {};
    for (const conflict of result.conflicts) {
      const mine = inputs.find((input) => input.itemKey === conflict.itemKey)!;
      conflictErrors[fieldName("answer", conflict.itemKey)] = "assessments:conflict.error";
      conflicts[conflict.itemKey] = { ...conflict, yours: { answer: mine.answer, note: mine.note, evidenceUrl: mine.evidenceUrl } };
    }
    return data({ ok: false as const, errors: conflictErrors, values, savedAt: null, conflicts, item: undefined }, { status: autosaveItem === null ? 409 : 200 });
  }
  if (autosaveItem !== null) {
    // The page now holds what is stored: later saves of this item start from it.
    const stored = (await answersOf(assessment.id)).get(autosaveItem);
    const item = { version: stored?.version ?? 0, loaded: answerFingerprint(stored), answer: stored?.answer ?? null, note: stored?.note ?? "", evidenceUrl: stored?.evidenceUrl ?? "" };
    return { ok: true as const, errors: undefined, values: undefined, savedAt: nowIso(), conflicts: undefined, item };
  }
  const next = sections[index + 1];
  const target =
    intent === "save-next" && next
      ? `/business/assessments/${assessment.id}/sections/${next.key}`
      : intent === "save-next"
        ? `/business/assessments/${assessment.id}`
        : `/business/assessments/${assessment.id}/sections/${section.key}`;
  return redirect(target, {
    headers: { "Set-Cookie": await setFlash(request, { kind: "success", message: "assessments:section.saved" }) },
  });
}

type Conflict = Extract<Awaited<ReturnType<typeof saveAnswers>>, { conflicts: unknown }>["conflicts"][number] & {
  yours: Pick<AnswerInput, "answer" | "note" | "evidenceUrl">;
};

// A refused save (409) still saved the other items: the "last edited" lines come back fresh.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "conflicts" in actionResult && actionResult.conflicts ? true : defaultShouldRevalidate;

type LoaderItem = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

// The whole section is checked on the server; the browser only gets the form's plain fields back.
const anything = z.object({}).passthrough();

export default function SectionPage() {
  const { t } = useTranslation("assessments");
  const { assessmentId, readOnly, section, previous, next, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(anything, actionData?.errors);
  const { errors } = form;
  const base = `/business/assessments/${assessmentId}`;
  const labels: Record<string, string> = {};
  items.forEach((item, i) => {
    const n = `${section.number}.${i + 1}`;
    labels[fieldName("answer", item.key)] = t("section.labelAnswer", { n });
    labels[fieldName("note", item.key)] = t("section.labelNote", { n });
    labels[fieldName("link", item.key)] = t("section.labelLink", { n });
    labels[fieldName("file", item.key)] = t("section.labelFile", { n });
  });
  return (
    <>
      <p>
        <Link to={base} className="back-link">
          {t("section.back")}
        </Link>
      </p>
      <p className="eyebrow">{t("section.position", { number: section.number, of: section.of })}</p>
      <h1>{section.title}</h1>
      <p className="lead">{section.intro}</p>
      {readOnly ? <p className="flash flash--info">{t("section.readOnly")}</p> : null}
      <ValidatedForm form={form} encType="multipart/form-data" className="stack">
        <ErrorSummary errors={errors} labels={labels} />
        {items.map((item, i) => (
          <ItemFields
            key={item.key}
            item={item}
            number={`${section.number}.${i + 1}`}
            errors={errors}
            values={actionData?.values}
            conflict={actionData?.conflicts?.[item.key] ?? null}
            readOnly={readOnly}
          />
        ))}
        {readOnly ? null : (
          <div className="action-row">
            <SubmitButton name="intent" value="save-next">
              {next ? t("section.saveNext") : t("section.saveFinish")}
            </SubmitButton>
            <button type="submit" name="intent" value="save" className="button button--secondary">
              {t("section.save")}
            </button>
          </div>
        )}
      </ValidatedForm>
      <nav className="pager" aria-label={t("section.pager")}>
        {previous ? <Link to={`${base}/sections/${previous}`}>{t("section.previous")}</Link> : <span />}
        {next ? <Link to={`${base}/sections/${next}`}>{t("section.next")}</Link> : <Link to={base}>{t("section.toOverview")}</Link>}
      </nav>
    </>
  );
}

function ItemFields({
  item,
  number,
  errors,
  values,
  conflict: refusedConflict,
  readOnly,
}: {
  item: LoaderItem;
  number: string;
  errors: FieldErrors;
  values: Record<string, string> | undefined;
  conflict: Conflict | null;
  readOnly: boolean;
}) {
  const { t } = useTranslation("assessments");
  const fetcher = useFetcher<typeof action>({ key: `answer-${item.key}` });
  const name = (field: ItemField) => fieldName(field, item.key);
  const kept = (field: ItemField, fallback: string) => values?.[name(field)] ?? fallback;

  // What this form shows of the item, and the version it was loaded with: fixed when the page is
  // drawn, not taken from a later reload of the data (the fields would still show the older text),
  // and moved on only by this item's own saves as the user goes.
  const [shown, setShown] = useState(() => ({
    generation: 0,
    version: kept("version", String(item.version)),
    loaded: kept("loaded", item.loaded),
    answer: kept("answer", item.answer ?? ""),
    note: kept("note", item.note),
    link: kept("link", item.evidenceUrl),
  }));
  // Someone else's newer answer: from a refused section save, or from a refused save as you go.
  const [conflict, setConflict] = useState(refusedConflict);
  const [seenRefusal, setSeenRefusal] = useState(refusedConflict);
  if (seenRefusal !== refusedConflict) {
    setSeenRefusal(refusedConflict);
    setConflict(refusedConflict);
  }
  const [seenReply, setSeenReply] = useState(fetcher.data);
  if (seenReply !== fetcher.data) {
    setSeenReply(fetcher.data);
    if (fetcher.data) {
      setConflict(fetcher.data.conflicts?.[item.key] ?? null);
      const stored = fetcher.data.item;
      if (stored) {
        // A conflict just resolved: the fields are redrawn from what is now stored (theirs, if kept).
        const resolved = conflict !== null;
        setShown((before) => ({
          generation: resolved ? before.generation + 1 : before.generation,
          version: String(stored.version),
          loaded: stored.loaded,
          answer: resolved ? (stored.answer ?? "") : before.answer,
          note: resolved ? stored.note : before.note,
          link: resolved ? stored.evidenceUrl : before.link,
        }));
      }
    }
  }
  const itemErrors = { ...errors, ...(fetcher.data?.errors ?? {}) };
  const errorOf = (field: ItemField) => itemErrors[name(field)];

  // Saved as the user goes (JavaScript on): the answer, note and link of this one item, without
  // leaving the page, so focus stays where it is. Files still go with the section's Save button.
  const autosave = (event: ChangeEvent<HTMLInputElement> | FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const form = event.currentTarget.form;
    if (!form || readOnly) return;
    const current = new FormData(form);
    const payload = new FormData();
    payload.set("intent", "autosave");
    payload.set("item", item.key);
    for (const field of ["answer", "note", "link", "version", "loaded", "newer", "keep"] as const) {
      const value = current.get(name(field));
      if (typeof value === "string") payload.set(name(field), value);
    }
    fetcher.submit(payload, { method: "post" });
  };
  const saveIfChanged = (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.currentTarget.value !== event.currentTarget.defaultValue) autosave(event);
  };

  const status =
    fetcher.state !== "idle"
      ? t("section.saving")
      : fetcher.data?.savedAt
        ? t("section.savedAt", { when: formatDateTime(fetcher.data.savedAt) })
        : item.updated
          ? t("section.lastEdit", { name: item.updated.by, when: formatDateTime(item.updated.at) })
          : "";
  // A conflict resolved as the user went leaves no error behind on the item.
  const answerError = errorOf("answer") === "assessments:conflict.error" && !conflict ? undefined : errorOf("answer");
  return (
    <fieldset className={`item${answerError ? " field--error" : ""}`} id={`field-${name("answer")}`} tabIndex={-1}>
      <legend className="item__question">
        <span className="item__number">{number}</span> {item.question}
      </legend>
      <details className="item__guide">
        <summary>{t("section.guide")}</summary>
        <p>
          <strong>{t("section.goodLooksLike")}</strong> {item.goodLooksLike}
        </p>
        <p>
          <strong>{t("section.evidence")}</strong> {item.evidence}
        </p>
      </details>
      {item.live ? (
        <p className={`live-answer${item.answer !== null && item.answer !== item.live.answer ? " live-answer--attention" : ""}`}>
          {item.answer !== null && item.answer !== item.live.answer ? <strong>{t("section.needsAttention")} </strong> : null}
          {t("section.fromRegister", { answer: t(`answers.${item.live.answer}`) })} <Link to={item.live.evidence}>{t("section.seeRegister")}</Link>
        </p>
      ) : null}
      {answerError ? <p className="field__error">{t(answerError)}</p> : null}
      <input type="hidden" name={name("version")} value={shown.version} />
      <input type="hidden" name={name("loaded")} value={shown.loaded} />
      {conflict && !readOnly ? <ConflictChoice conflict={conflict} itemKey={item.key} onChoose={autosave} /> : null}
      <div className="answer-choices" role="radiogroup" aria-label={t("section.labelAnswer", { n: number })} key={`answer-${shown.generation}`}>
        {ANSWERS.map((answer) => (
          <label key={answer} className="answer-choice">
            <input
              type="radio"
              name={name("answer")}
              value={answer}
              defaultChecked={shown.answer === answer}
              disabled={readOnly}
              onChange={autosave}
            />
            <span>{t(`answers.${answer}`)}</span>
          </label>
        ))}
      </div>
      <div className={`field${errorOf("note") ? " field--error" : ""}`}>
        <label htmlFor={`field-${name("note")}`}>{t("section.note")}</label>
        {errorOf("note") ? <p className="field__error">{t(errorOf("note")!)}</p> : null}
        <textarea
          key={`note-${shown.generation}`}
          id={`field-${name("note")}`}
          name={name("note")}
          className="input input--full"
          rows={2}
          maxLength={MAX_NOTE_LENGTH}
          defaultValue={shown.note}
          readOnly={readOnly}
          onBlur={saveIfChanged}
        />
      </div>
      <div className="item__evidence">
        <div className={`field${errorOf("link") ? " field--error" : ""}`}>
          <label htmlFor={`field-${name("link")}`}>{t("section.link")}</label>
          {errorOf("link") ? <p className="field__error">{t(errorOf("link")!)}</p> : null}
          <input
            key={`link-${shown.generation}`}
            id={`field-${name("link")}`}
            name={name("link")}
            type="url"
            inputMode="url"
            className="input input--full"
            defaultValue={shown.link}
            readOnly={readOnly}
            onBlur={saveIfChanged}
          />
        </div>
        {readOnly ? null : (
          <div className={`field${errorOf("file") ? " field--error" : ""}`}>
            <label htmlFor={`field-${name("file")}`}>{t("section.file")}</label>
            <p className="field__hint">{t("section.fileHint")}</p>
            {errorOf("file") ? <p className="field__error">{t(errorOf("file")!)}</p> : null}
            <input id={`field-${name("file")}`} name={name("file")} type="file" accept={ACCEPT_ATTRIBUTE} className="input-file" />
          </div>
        )}
        {item.file ? (
          <p className="item__file">
            <a href={`/business/files/${item.file.id}`}>{item.file.name}</a>{" "}
            <span className="meta-line">SHA-256 {item.file.sha256?.slice(0, 12)}…</span>
            {readOnly ? null : (
              <label className="inline-check">
                <input type="checkbox" name={name("removeFile")} /> {t("section.removeFile")}
              </label>
            )}
          </p>
        ) : null}
      </div>
      <p className="item__status meta-line" aria-live="polite">
        {status}
      </p>
    </fieldset>
  );
}

/**
 * Someone else saved this item after the page was loaded: both answers, and a choice. Without
 * JavaScript the choice goes with the section's Save button; with it, it is saved at once.
 */
function ConflictChoice({ conflict, itemKey, onChoose }: { conflict: Conflict; itemKey: string; onChoose: (event: ChangeEvent<HTMLInputElement>) => void }) {
  const { t } = useTranslation("assessments");
  const answerText = (answer: string | null) => (answer ? t(`answers.${answer}`) : t("conflict.noAnswer"));
  const describe = (side: { answer: string | null; note: string; evidenceUrl: string | null }) =>
    [answerText(side.answer), side.note ? t("conflict.note", { note: side.note }) : null, side.evidenceUrl ? t("conflict.link", { link: side.evidenceUrl }) : null]
      .filter(Boolean)
      .join(" · ");
  const name = (field: ItemField) => fieldName(field, itemKey);
  return (
    <div className="answer-conflict">
      <p>
        <strong>{t("conflict.newer", { name: conflict.updatedByName, when: formatDateTime(conflict.updatedAt) })}</strong> {describe(conflict)}
        {conflict.evidenceFileName ? ` · ${t("conflict.file", { file: conflict.evidenceFileName })}` : null}
      </p>
      <p>
        <strong>{t("conflict.yours")}</strong> {describe(conflict.yours)}
      </p>
      {conflict.fileDropped ? <p>{t("conflict.fileDropped")}</p> : null}
      <input type="hidden" name={name("newer")} value={conflict.version} />
      <fieldset className="answer-conflict__choice">
        <legend>{t("conflict.choose")}</legend>
        <label className="inline-check">
          <input type="radio" name={name("keep")} value="mine" onChange={onChoose} /> {t("conflict.keepMine")}
        </label>
        <label className="inline-check">
          <input type="radio" name={name("keep")} value="theirs" onChange={onChoose} /> {t("conflict.keepTheirs", { name: conflict.updatedByName })}
        </label>
      </fieldset>
    </div>
  );
}
