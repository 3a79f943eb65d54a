import type { Content, ContentTable, CustomTableLayout, TDocumentDefinitions, TableCell } from "pdfmake/interfaces";
import { renderPdf } from "~/utils/pdf.server";
import { type Cell, type ProgrammeBlock, type ProgrammeDocument } from "./programme.server";

// A4 is 595.28 × 841.89 pt; about 2 cm at the sides, a little more at the top for the running header.
const MARGIN_X = 57;
const MARGIN_TOP = 62;
const MARGIN_BOTTOM = 54;
const INK = "#1b1f24";
const MUTED = "#4a5560";
const ACCENT = "#0b4f8a";
const RULE = "#9aa3ab";
const HEAD_FILL = "#e8f1f9";

const gridLayout: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  fillColor: (rowIndex) => (rowIndex === 0 ? HEAD_FILL : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const factsLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => "#d5dade",
  paddingLeft: (i) => (i === 0 ? 0 : 6),
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const noteLayout: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? 3 : 0),
  vLineColor: () => ACCENT,
  fillColor: () => "#f4f6f8",
  paddingLeft: () => 10,
  paddingRight: () => 8,
  paddingTop: () => 6,
  paddingBottom: () => 6,
};

function cellText(cell: Cell): string {
  return Array.isArray(cell) ? cell.join("\n") : cell;
}

function blockContent(block: ProgrammeBlock): Content {
  switch (block.kind) {
    case "paragraph":
      return { text: block.text, style: "body" };
    case "subheading":
      return { text: block.text, style: "h3", headlineLevel: 2 };
    case "list":
      return { ul: block.items, style: "body", margin: [0, 0, 0, 8] };
    case "facts":
      return {
        table: { widths: ["30%", "70%"], body: block.rows.map((row) => [{ text: row.label, bold: true }, row.value]) },
        layout: "facts",
        style: "body",
        margin: [0, 0, 0, 10],
      };
    case "note":
      return {
        table: { widths: ["*"], body: [[{ stack: [{ text: block.title, bold: true, margin: [0, 0, 0, 3] }, block.text] }]] },
        layout: "note",
        style: "body",
        margin: [0, 2, 0, 12],
        unbreakable: true,
      };
    case "table": {
      const header: TableCell[] = block.columns.map((c) => ({ text: c.label, bold: true }));
      const body: TableCell[][] = block.rows.map((row) => row.map((cell) => cellText(cell)));
      const table: ContentTable = {
        table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: block.columns.map((c) => `${c.width}%`), body: [header, ...body] },
        layout: "grid",
        style: "table",
        margin: [0, 2, 0, 12],
      };
      return table;
    }
  }
}

type NodeInfo = { headlineLevel?: number; style?: string };

/** Marks the running header and footer: pdfmake lists them among a page's nodes, after the body. */
const RUNNING = "running";
const inBody = (node: NodeInfo) => node.style !== RUNNING;

// A heading is never the last thing on its page: it moves down with what it introduces. pdfmake 0.2
// passes the nodes after it on the page as the second argument (the 0.3 typings describe another
// signature) and only computes them when the function declares that parameter.
function keepHeadingsWithNextFn(node: NodeInfo, followingNodesOnPage: NodeInfo[]): boolean {
  if (!node.headlineLevel) return false;
  return followingNodesOnPage.filter(inBody).every((next) => next.headlineLevel);
}
const keepHeadingsWithNext = keepHeadingsWithNextFn as unknown as TDocumentDefinitions["pageBreakBefore"];

export function programmeDefinition(doc: ProgrammeDocument): TDocumentDefinitions {
  const content: Content[] = [
    { text: doc.docTitle.toUpperCase(), style: "title" },
    { text: doc.businessName, style: "business" },
    { text: doc.periodLine, style: "period" },
    { text: doc.status, style: "status" },
    { text: doc.basis.title, style: "h3" },
    { text: doc.basis.text, style: "small" },
    { text: doc.basis.form, style: "small", margin: [0, 0, 0, 10] },
    { text: doc.currentState.title, style: "h2", headlineLevel: 1 },
    ...doc.currentState.paragraphs.map((text): Content => ({ text, style: "body" })),
  ];
  for (const section of doc.sections) {
    content.push({ text: `${section.number}. ${section.title}`, style: "h2", headlineLevel: 1 });
    content.push(...section.blocks.map(blockContent));
  }
  content.push({
    stack: [
      { text: doc.approval.title, style: "h2" },
      { text: doc.approval.place, alignment: "right", italics: true, margin: [0, 0, 0, 10] },
      {
        columns: doc.approval.signers.map((signer) => ({
          width: "*",
          alignment: "center",
          stack: [
            { text: signer.role.toUpperCase(), bold: true },
            // A blank line in place of a missing position keeps both names on one line.
            { text: signer.position ?? " " },
            { text: signer.hint, italics: true, color: MUTED, fontSize: 9 },
            { text: signer.name ?? " ", bold: true, margin: [0, 64, 0, 0] },
          ],
        })),
        columnGap: 24,
      },
    ],
    unbreakable: true,
    margin: [0, 8, 0, 0],
  });

  return {
    pageSize: "A4",
    pageMargins: [MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM],
    language: doc.language,
    info: { title: doc.programmeName, author: doc.businessName, subject: doc.docTitle, creator: doc.labels.generated },
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            columns: [
              { text: doc.businessName, width: "*", style: RUNNING },
              { text: doc.docTitle, width: "auto", alignment: "right", style: RUNNING },
            ],
            style: RUNNING,
            margin: [MARGIN_X, 28, MARGIN_X, 0],
            fontSize: 8,
            color: MUTED,
          },
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: doc.labels.generated, width: "*", style: RUNNING },
        {
          text: doc.labels.page.replace("{page}", String(currentPage)).replace("{pages}", String(pageCount)),
          width: "auto",
          alignment: "right",
          style: RUNNING,
        },
      ],
      style: RUNNING,
      margin: [MARGIN_X, 20, MARGIN_X, 0],
      fontSize: 8,
      color: MUTED,
    }),
    pageBreakBefore: keepHeadingsWithNext,
    content,
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2, color: INK },
    styles: {
      title: { fontSize: 16, bold: true, alignment: "center", color: ACCENT, margin: [0, 0, 0, 4] },
      business: { fontSize: 13, bold: true, alignment: "center", margin: [0, 0, 0, 2] },
      period: { fontSize: 10, alignment: "center", margin: [0, 0, 0, 12] },
      status: { fontSize: 9, italics: true, color: MUTED, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12.5, bold: true, color: ACCENT, margin: [0, 12, 0, 6] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 4] },
      body: { margin: [0, 0, 0, 6] },
      small: { fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 4] },
      table: { fontSize: 9 },
    },
  };
}

/** The programme as an A4 PDF. */
export function programmePdf(doc: ProgrammeDocument): Promise<Buffer> {
  return renderPdf(programmeDefinition(doc), { grid: gridLayout, facts: factsLayout, note: noteLayout });
}
