import { MAX_FILES_PER_FORM } from "~/utils/uploads";
import { type CheckedUpload, checkUpload } from "~/utils/uploads.server";
import { type RequestForm } from "./schemas";
import { type RequestInput } from "./requests.server";
import { type RequestType } from "./workflow";

/** Every file of a multiple file field, checked by its real bytes; one bad file refuses them all. */
export async function readAttachments(formData: FormData, field = "attachments"): Promise<{ ok: true; uploads: CheckedUpload[] } | { ok: false; error: string }> {
  const values = formData.getAll(field);
  const uploads: CheckedUpload[] = [];
  for (const value of values) {
    const checked = await checkUpload(value);
    if (!checked.ok) return { ok: false, error: checked.problem === "tooLarge" ? "requests:errors.fileTooLarge" : "requests:errors.fileType" };
    if (checked.upload) uploads.push(checked.upload);
  }
  if (uploads.length > MAX_FILES_PER_FORM) return { ok: false, error: "requests:errors.tooManyFiles" };
  return { ok: true, uploads };
}

export function toRequestInput(data: RequestForm, origin: RequestInput["origin"]): RequestInput {
  return {
    type: data.type as RequestType,
    title: data.title,
    description: data.description,
    desiredOn: data.desiredOn,
    trainees: data.trainees,
    instrumentIds: data.instrumentIds.map(Number).filter((id) => Number.isInteger(id) && id > 0),
    origin,
  };
}
