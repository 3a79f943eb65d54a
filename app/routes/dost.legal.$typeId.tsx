import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, ErrorSummary, SelectField, TextArea, TextField, kept, keptList } from "~/components/form";
import { SubmitButton, ValidatedForm, useValidatedForm } from "~/components/validated-form";
import { can } from "~/modules/accounts/permissions";
import { formatDate, formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { type ChangeSummary, type RowChange, applyRowChange, previewRowChange, renameType, setTypeRetired, typeForAdmin } from "~/modules/legal/admin.server";
import { BASES, CONTROL_KEYS, MAX_CYCLE_MONTHS, controlList } from "~/modules/legal/rules";
import { CONTROL_ROW_ARRAYS, ControlRowSchema, RenameTypeSchema, RetractSchema, toControlRowInput } from "~/modules/legal/schemas";
import { notFound, requireDostScope } from "~/utils/auth.server";
import { type FormValues, formValues, parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireDostScope(request, "dost:read");
  const found = await typeForAdmin(params.typeId ?? "");
  if (!found) throw notFound();
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "catalogue");
  const { type, today } = found;
  const name = language === "en" ? type.name.en : type.name.vi;
  return {
    title: `${name} — ${t("list.title")} — ${t("common:shell.brand")}`,
    canEdit: can(scope.user.role, "dost:admin"),
    today,
    type: {
      id: type.id,
      name,
      nameVi: type.name.vi,
      nameEn: type.name.en,
      unit: type.unit,
      listItem: type.listItem,
      retiredAt: type.retiredAt,
      currentId: type.current?.id ?? null,
    },
    usage: { instruments: found.instruments, businesses: found.businesses },
    rows: [...type.rows].reverse().map((r) => ({
      id: r.id,
      effectiveFrom: r.effectiveFrom,
      listed: r.listed,
      controls: controlList(r.controls),
      cycleMonths: r.cycleMonths,
      document: r.document,
      article: r.article,
      item: r.item,
      basis: r.basis,
      note: r.note,
      retractedAt: r.retractedAt,
      retractReason: r.retractReason,
    })),
  };
}

type Intent = "rename" | "retire" | "restore" | "previewRow" | "saveRow" | "previewRetract" | "retract";
const INTENTS: readonly Intent[] = ["rename", "retire", "restore", "previewRow", "saveRow", "previewRetract", "retract"];

type ActionResult =
  | { intent: Intent; ok: false; errors: Record<string, string>; values: FormValues }
  | { intent: Intent; ok: true; preview: ChangeSummary; values: FormValues };

// Every change needs an admin; a reviewer posting here gets 404 like any page they cannot use.
export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireDostScope(request, "dost:admin");
  const typeId = params.typeId ?? "";
  if (!(await typeForAdmin(typeId))) throw notFound();
  const formData = await readForm(request);
  const intentValue = String(formData.get("intent") ?? "");
  if (!(INTENTS as readonly string[]).includes(intentValue)) return data<ActionResult>({ intent: "rename", ok: false, errors: { form: "catalogue:errors.required" }, values: {} }, { status: 400 });
  const intent = intentValue as Intent;
  const back = async (message: string, values?: Record<string, string>) =>
    redirect(`/dost/legal/${typeId}`, { headers: { "Set-Cookie": await setFlash(request, { kind: "success", message, values }) } });
  const refuse = (errors: Record<string, string>, arrays: readonly string[] = []): ReturnType<typeof data<ActionResult>> =>
    data({ intent, ok: false as const, errors, values: formValues(formData, arrays) }, { status: 400 });

  if (intent === "rename") {
    const parsed = parseForm(RenameTypeSchema, formData);
    if (!parsed.ok) return refuse(parsed.errors);
    if (!(await renameType(scope, typeId, parsed.data))) throw notFound();
    return back("catalogue:flash.renamed");
  }
  if (intent === "retire" || intent === "restore") {
    if (!(await setTypeRetired(scope, typeId, intent === "retire"))) throw notFound();
    return back(intent === "retire" ? "catalogue:flash.retired" : "catalogue:flash.restored");
  }

  const today = vietnamDay();
  let change: RowChange;
  let arrays: readonly string[] = [];
  if (intent === "previewRow" || intent === "saveRow") {
    arrays = CONTROL_ROW_ARRAYS;
    const parsed = parseForm(ControlRowSchema, formData, arrays);
    if (!parsed.ok) return refuse(parsed.errors, arrays);
    change = { kind: "add", typeId, input: toControlRowInput(parsed.data) };
  } else {
    const parsed = parseForm(RetractSchema, formData);
    if (!parsed.ok) return refuse(parsed.errors);
    change = { kind: "retract", typeId, rowId: parsed.data.rowId, reason: parsed.data.reason };
  }
  if (intent === "previewRow" || intent === "previewRetract") {
    const preview = await previewRowChange(scope, change, today);
    if (!preview) throw notFound();
    if (!preview.ok) return refuse(preview.errors, arrays);
    return data<ActionResult>({ intent, ok: true, preview: preview.summary, values: formValues(formData, arrays) });
  }
  const saved = await applyRowChange(scope, change, today);
  if (!saved) throw notFound();
  if (!saved.ok) return refuse(saved.errors, arrays);
  return back(change.kind === "add" ? "catalogue:flash.rowSaved" : "catalogue:flash.rowRetracted", {
    moved: formatNumber(saved.summary.moved, "vi"),
    businesses: formatNumber(saved.summary.businesses, "vi"),
  });
}

/** What a change does, before it is saved, and the form that confirms it with the same values. */
function PreviewPanel({ preview, values, confirmIntent }: { preview: ChangeSummary; values: FormValues; confirmIntent: "saveRow" | "retract" }) {
  const { t, i18n } = useTranslation("catalogue");
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <section className="panel panel--warning" aria-labelledby="preview-title" id="preview">
      <h2 id="preview-title">{t("preview.title")}</h2>
      {preview.moved ? (
        <p>
          <strong>{t("preview.moves", { instruments: n(preview.moved), businesses: n(preview.businesses), overdue: n(preview.becomeOverdue) })}</strong>
        </p>
      ) : (
        <p>
          <strong>{t("preview.nothing")}</strong>
        </p>
      )}
      {preview.leaveOverdue ? <p>{t("preview.leaveOverdue", { count: preview.leaveOverdue })}</p> : null}
      {preview.recomputed > preview.moved ? <p>{t("preview.recomputed", { count: preview.recomputed })}</p> : null}
      {preview.examples.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t("preview.examples")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("preview.colTag")}</th>
                <th scope="col">{t("preview.colBusiness")}</th>
                <th scope="col">{t("preview.colBefore")}</th>
                <th scope="col">{t("preview.colAfter")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.examples.map((e) => (
                <tr key={e.instrumentId}>
                  <td data-label={t("preview.colTag")}>{e.tag}</td>
                  <td data-label={t("preview.colBusiness")}>{e.businessName}</td>
                  <td data-label={t("preview.colBefore")}>{e.before ? formatDate(e.before) : t("preview.none")}</td>
                  <td data-label={t("preview.colAfter")}>{e.after ? formatDate(e.after) : t("preview.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>{t("preview.notify")}</p>
      <Form method="post">
        {Object.entries(values)
          .filter(([key]) => key !== "intent")
          .flatMap(([key, value]) => (Array.isArray(value) ? value.map((v) => [key, v] as const) : [[key, value] as const]))
          .map(([key, value], i) => (
            <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
          ))}
        <div className="action-row">
          <button type="submit" className="button" name="intent" value={confirmIntent}>
            {confirmIntent === "saveRow" ? t("preview.confirm") : t("preview.confirmRetract")}
          </button>
          <a href="#add-row">{t("preview.cancel")}</a>
        </div>
      </Form>
    </section>
  );
}

export default function InstrumentTypeAdminPage() {
  const { t, i18n } = useTranslation("catalogue");
  const { canEdit, type, usage, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = (intents: Intent[]) => (actionData && intents.includes(actionData.intent) ? actionData : undefined);
  const rowResult = mine(["previewRow", "saveRow"]);
  const retractResult = mine(["previewRetract", "retract"]);
  const renameResult = mine(["rename"]);
  const rowForm = useValidatedForm(ControlRowSchema, rowResult && !rowResult.ok ? rowResult.errors : undefined, CONTROL_ROW_ARRAYS);
  const renameForm = useValidatedForm(RenameTypeSchema, renameResult && !renameResult.ok ? renameResult.errors : undefined);
  const rowValues = rowResult?.values;
  const rowLabels = {
    effectiveFrom: t("type.effectiveFrom"),
    listed: t("type.listed"),
    controls: t("type.controls"),
    cycleMonths: t("type.cycleMonths"),
    document: t("type.document"),
    article: t("type.article"),
    item: t("type.item"),
    basis: t("type.basis"),
    note: t("type.note"),
  };
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <>
      <p>
        <Link to="/dost/legal" className="back-link">
          {t("type.back")}
        </Link>
      </p>
      <p className="eyebrow">
        {t("type.id")}: {type.id}
      </p>
      <h1 id={`type-${type.id}`}>{type.name}</h1>
      <p>{t("type.usage", { instruments: n(usage.instruments), businesses: n(usage.businesses) })}</p>
      {type.retiredAt ? <p className="flash flash--info">{t("type.retiredNote", { date: formatDate(type.retiredAt) })}</p> : null}

      <h2>{t("type.history")}</h2>
      <p className="field__hint">{t("type.historyLead")}</p>
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("type.history")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("type.colFrom")}</th>
                <th scope="col">{t("type.colListed")}</th>
                <th scope="col">{t("type.colControls")}</th>
                <th scope="col">{t("type.colCycle")}</th>
                <th scope="col">{t("type.colSource")}</th>
                <th scope="col">{t("type.colBasis")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                // A retracted row stays on record, struck through (<del>: no inline style under the CSP).
                const Cell = r.retractedAt ? "del" : "span";
                return (
                  <tr key={r.id} id={`row-${r.id}`}>
                    <td data-label={t("type.colFrom")}>
                      <Cell>{formatDate(r.effectiveFrom)}</Cell>
                      {r.id === type.currentId ? (
                        <>
                          {" "}
                          <span className="tag tag--green">{t("type.inForce")}</span>
                        </>
                      ) : null}
                      {r.retractedAt ? <p className="meta-line">{t("type.retracted", { date: formatDate(r.retractedAt), reason: r.retractReason })}</p> : null}
                    </td>
                    <td data-label={t("type.colListed")}>
                      <Cell>{r.listed ? t("type.listedYes") : t("type.listedNo")}</Cell>
                    </td>
                    <td data-label={t("type.colControls")}>
                      <Cell>{r.controls.map((c) => t(`controls.${c}`)).join(", ") || "—"}</Cell>
                    </td>
                    <td data-label={t("type.colCycle")}>
                      <Cell>{r.cycleMonths ? t("status.cycleMonths", { count: r.cycleMonths }) : "—"}</Cell>
                    </td>
                    <td data-label={t("type.colSource")}>
                      <Cell>{[r.document, r.article, r.item].filter(Boolean).join(" · ")}</Cell>
                      {r.note ? <p className="meta-line">{r.note}</p> : null}
                    </td>
                    <td data-label={t("type.colBasis")}>
                      <Cell>{t(`basis.${r.basis}`)}</Cell>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("type.noRows")}</p>
      )}

      {canEdit ? (
        <>
          {rowResult?.ok ? <PreviewPanel preview={rowResult.preview} values={rowResult.values} confirmIntent="saveRow" /> : null}
          {retractResult?.ok ? <PreviewPanel preview={retractResult.preview} values={retractResult.values} confirmIntent="retract" /> : null}

          <section aria-labelledby="add-row-title" id="add-row">
            <h2 id="add-row-title">{t("type.addRow")}</h2>
            <p>{t("type.addRowLead")}</p>
            <ValidatedForm form={rowForm} className="stack">
              <ErrorSummary errors={rowForm.errors} labels={rowLabels} />
              <input type="hidden" name="intent" value="previewRow" />
              <TextField
                name="effectiveFrom"
                type="date"
                label={rowLabels.effectiveFrom}
                hint={t("type.effectiveFromHint")}
                error={rowForm.errors.effectiveFrom}
                defaultValue={kept(rowValues, "effectiveFrom")}
                width="medium"
              />
              <CheckboxGroup
                name="listed"
                type="radio"
                legend={rowLabels.listed}
                options={[
                  { value: "1", label: t("type.listedYes") },
                  { value: "0", label: t("type.listedNo") },
                ]}
                error={rowForm.errors.listed}
                defaultValues={[kept(rowValues, "listed", "1")]}
              />
              <CheckboxGroup
                name="controls"
                legend={rowLabels.controls}
                options={CONTROL_KEYS.map((c) => ({ value: c, label: t(`controls.${c}`) }))}
                error={rowForm.errors.controls}
                defaultValues={keptList(rowValues, "controls", rowValues ? [] : [...CONTROL_KEYS])}
              />
              <TextField
                name="cycleMonths"
                label={rowLabels.cycleMonths}
                hint={t("type.cycleMonthsHint", { max: MAX_CYCLE_MONTHS })}
                error={rowForm.errors.cycleMonths}
                defaultValue={kept(rowValues, "cycleMonths")}
                inputMode="numeric"
                width="short"
              />
              <TextField name="document" label={rowLabels.document} hint={t("type.documentHint")} error={rowForm.errors.document} defaultValue={kept(rowValues, "document")} />
              <TextField name="article" label={rowLabels.article} error={rowForm.errors.article} defaultValue={kept(rowValues, "article")} width="medium" />
              <TextField name="item" label={rowLabels.item} error={rowForm.errors.item} defaultValue={kept(rowValues, "item")} width="medium" />
              <SelectField
                name="basis"
                label={rowLabels.basis}
                options={BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }))}
                error={rowForm.errors.basis}
                defaultValue={kept(rowValues, "basis", "confirmed")}
              />
              <TextArea name="note" label={rowLabels.note} hint={t("type.noteHint")} error={rowForm.errors.note} defaultValue={kept(rowValues, "note")} rows={3} />
              <SubmitButton>{t("type.preview")}</SubmitButton>
            </ValidatedForm>
          </section>

          {rows.some((r) => !r.retractedAt) ? (
            <section aria-labelledby="retract-title">
              <h2 id="retract-title">{t("type.retract")}</h2>
              <p className="field__hint">{t("type.reasonHint")}</p>
              {retractResult && !retractResult.ok ? (
                <ErrorSummary errors={retractResult.errors} labels={{ rowId: t("type.retract"), reason: t("type.reason") }} />
              ) : null}
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="previewRetract" />
                <SelectField
                  name="rowId"
                  label={t("type.retract")}
                  options={rows
                    .filter((r) => !r.retractedAt)
                    .map((r) => ({ value: String(r.id), label: `${formatDate(r.effectiveFrom)} · ${r.cycleMonths ? t("status.cycleMonths", { count: r.cycleMonths }) : "—"} · ${r.document}` }))}
                  error={retractResult && !retractResult.ok ? retractResult.errors.rowId : undefined}
                  defaultValue={kept(retractResult?.values, "rowId")}
                />
                <TextField
                  name="reason"
                  label={t("type.reason")}
                  error={retractResult && !retractResult.ok ? retractResult.errors.reason : undefined}
                  defaultValue={kept(retractResult?.values, "reason")}
                />
                <div>
                  <button type="submit" className="button button--secondary">
                    {t("type.previewRetract")}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}

          <section aria-labelledby="rename-title">
            <h2 id="rename-title">{t("type.rename")}</h2>
            <ValidatedForm form={renameForm} className="stack">
              <ErrorSummary errors={renameForm.errors} labels={{ nameVi: t("type.nameVi"), nameEn: t("type.nameEn"), listItem: t("type.listItem") }} />
              <input type="hidden" name="intent" value="rename" />
              <TextField name="nameVi" label={t("type.nameVi")} error={renameForm.errors.nameVi} defaultValue={kept(renameResult?.values, "nameVi", type.nameVi)} />
              <TextField name="nameEn" label={t("type.nameEn")} error={renameForm.errors.nameEn} defaultValue={kept(renameResult?.values, "nameEn", type.nameEn)} />
              <TextField
                name="listItem"
                label={t("type.listItem")}
                hint={t("type.listItemHint")}
                error={renameForm.errors.listItem}
                defaultValue={kept(renameResult?.values, "listItem", type.listItem ?? "")}
                width="short"
              />
              <SubmitButton>{t("type.renameSubmit")}</SubmitButton>
            </ValidatedForm>
          </section>

          <section aria-labelledby="retire-title">
            <h2 id="retire-title">{type.retiredAt ? t("type.restore") : t("type.retire")}</h2>
            <p>{t("type.retireLead")}</p>
            {!type.retiredAt && usage.instruments ? <p>{t("type.retireInUse", { count: usage.instruments })}</p> : null}
            <Form method="post">
              <button type="submit" className="button button--secondary" name="intent" value={type.retiredAt ? "restore" : "retire"}>
                {type.retiredAt ? t("type.restore") : t("type.retire")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
