import { createRequire } from "node:module";
import type { CustomTableLayout, TDocumentDefinitions } from "pdfmake/interfaces";

// pdfmake 0.2 is CommonJS and its server entry is `src/printer`; required at run time so that the
// SSR bundle leaves it (and pdfkit with its font data files) in node_modules.
const require = createRequire(import.meta.url);

type PdfKitDocument = NodeJS.ReadableStream & { end(): void };
type Printer = { createPdfKitDocument(doc: TDocumentDefinitions, options?: { tableLayouts?: Record<string, CustomTableLayout> }): PdfKitDocument };

let printer: Printer | undefined;

/** Roboto from pdfmake's own font bundle: it carries every Vietnamese letter with its diacritics. */
function getPrinter(): Printer {
  if (printer) return printer;
  const PdfPrinter = require("pdfmake/src/printer") as new (fonts: Record<string, Record<string, Buffer>>) => Printer;
  const vfs = require("pdfmake/build/vfs_fonts.js") as Record<string, string>;
  const font = (name: string) => {
    const data = vfs[name];
    if (!data) throw new Error(`pdfmake font ${name} is missing`);
    return Buffer.from(data, "base64");
  };
  printer = new PdfPrinter({
    Roboto: {
      normal: font("Roboto-Regular.ttf"),
      bold: font("Roboto-Medium.ttf"),
      italics: font("Roboto-Italic.ttf"),
      bolditalics: font("Roboto-MediumItalic.ttf"),
    },
  });
  return printer;
}

/** Renders a pdfmake document definition to the bytes of a PDF. */
export function renderPdf(definition: TDocumentDefinitions, tableLayouts?: Record<string, CustomTableLayout>): Promise<Buffer> {
  const pdf = getPrinter().createPdfKitDocument(definition, { tableLayouts });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
    pdf.end();
  });
}
