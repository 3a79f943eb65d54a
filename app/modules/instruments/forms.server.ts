import { type z } from "zod";
import { type Catalogue } from "~/modules/legal/catalogue.server";
import { type InstrumentInput } from "./instruments.server";
import { type InstrumentSchema } from "./schemas";

/**
 * Checks what the schema cannot (the type is in the catalogue, and not retired unless the
 * instrument already has it: `currentTypeId`) and shapes the module's input.
 */
export function toInstrumentInput(
  catalogue: Catalogue,
  data: z.infer<typeof InstrumentSchema>,
  currentTypeId: string | null = null,
): { ok: true; input: InstrumentInput } | { ok: false; errors: Record<string, string> } {
  const type = catalogue.type(data.typeId);
  if (!type) return { ok: false, errors: { typeId: "instruments:errors.type" } };
  if (type.retiredAt && type.id !== currentTypeId) return { ok: false, errors: { typeId: "instruments:errors.typeRetired" } };
  // A legally controlled instrument follows the legal cycle; its own interval is for calibration beside it.
  return { ok: true, input: { ...data, unit: data.unit || type.unit } };
}
