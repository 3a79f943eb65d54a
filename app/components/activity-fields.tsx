import { useTranslation } from "react-i18next";
import { type ActivityKind, isCountedKind } from "~/modules/activities/schemas";
import { formatNumber } from "~/modules/i18n/format";
import { type FieldErrors, type FormValues } from "~/utils/forms";
import { ErrorSummary, TextArea, TextField, kept } from "./form";

export type ActivityDefaults = { heldOn: string; title: string; organiser: string; quantity: string; participants: string; notes: string };
export type ActivityTargetHelp = {
  kind: ActivityKind;
  target: string | null;
  unit: string | null;
  counting: string | null;
  phases: Array<{ name: string; value: number }>;
};

/** "Counts toward … Phase 1: 120 people; Phase 2: 150 people." and how the plan counts it. */
export function TargetHelp({ help }: { help: ActivityTargetHelp | undefined }) {
  const { t, i18n } = useTranslation("activities");
  if (!help?.target) return null;
  const phases = help.phases.map((p) => t("form.phaseValue", { phase: p.name, value: formatNumber(p.value, i18n.language), unit: help.unit })).join("; ");
  return (
    <>
      {t("form.countsToward", { target: help.target })} — {phases}. {help.counting}
    </>
  );
}

export function activityLabels(t: (key: string) => string, kind: ActivityKind): Record<string, string> {
  return {
    heldOn: t(`form.heldOn.${kind}`),
    title: t(`form.title.${kind}`),
    quantity: isCountedKind(kind) ? t(`form.quantity.${kind}`) : "",
    participants: t("form.participants"),
    organiser: t(`form.organiser.${kind}`),
    notes: t("form.notes"),
  };
}

/**
 * The fields of one kind of activity: the hidden kind picks the questions, so the page asks
 * for attendees on a course and for nothing on a laboratory, with or without JavaScript.
 */
export function ActivityFields({
  kind,
  errors,
  values,
  defaults,
  help,
}: {
  kind: ActivityKind;
  errors: FieldErrors;
  values: FormValues | undefined;
  defaults: ActivityDefaults;
  help: ActivityTargetHelp | undefined;
}) {
  const { t } = useTranslation("activities");
  const labels = activityLabels(t, kind);
  const value = (name: keyof ActivityDefaults) => kept(values, name, defaults[name]);
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <input type="hidden" name="kind" value={kind} />
      <p className="field__hint">
        <TargetHelp help={help} />
      </p>
      <TextField name="heldOn" type="date" label={labels.heldOn!} hint={t("form.heldOnHint")} error={errors.heldOn} defaultValue={value("heldOn")} width="medium" />
      <TextField name="title" label={labels.title!} hint={t(`form.titleHint.${kind}`)} error={errors.title} defaultValue={value("title")} />
      {isCountedKind(kind) ? (
        <TextField
          name="quantity"
          type="number"
          inputMode="numeric"
          label={labels.quantity!}
          hint={t(`form.quantityHint.${kind}`)}
          error={errors.quantity}
          defaultValue={value("quantity")}
          width="short"
        />
      ) : (
        <p className="panel">{t(`form.one.${kind}`)}</p>
      )}
      {kind === "training" ? (
        <TextArea
          name="participants"
          label={labels.participants!}
          hint={t("form.participantsHint")}
          error={errors.participants}
          defaultValue={value("participants")}
          rows={6}
        />
      ) : null}
      <TextField name="organiser" label={labels.organiser!} error={errors.organiser} defaultValue={value("organiser")} />
      <TextArea name="notes" label={labels.notes!} hint={t("form.notesHint")} error={errors.notes} defaultValue={value("notes")} rows={3} />
    </>
  );
}
