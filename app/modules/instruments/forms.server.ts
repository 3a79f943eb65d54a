import { type z } from "zod";
import { type InstrumentInput } from "./instruments.server";
import { instrumentType } from "./catalogue.server";
import { type InstrumentSchema } from "./schemas";

/** Checks what the schema cannot (the type is in the catalogue) and shapes the module's input. */
export function toInstrumentInput(data: z.infer<typeof InstrumentSchema>): { ok: true; input: InstrumentInput } | { ok: false; errors: Record<string, string> } {
  const type = instrumentType(data.typeId);
  if (!type) return { ok: false, errors: { typeId: "instruments:errors.type" } };
  // A legally controlled instrument follows the legal cycle; its own interval is for calibration beside it.
  return { ok: true, input: { ...data, unit: data.unit || type.unit } };
}
