import type { Content, CustomTableLayout, TDocumentDefinitions, TableCell } from "pdfmake/interfaces";
import { renderPdf } from "~/utils/pdf.server";
import { type ReportSection, type ReportTable, cellText, isNumeric } from "./report-tables";

// A4; about 2 cm at the sides. Tables wider than a portrait page can hold readably get landscape pages.
const MARGIN_X = 50;
const MARGIN_Y = 48;
const INK = "#1b1f24";
const MUTED = "#4a5560";
const RULE = "#9aa3ab";
const HEAD_FILL = "#e8f1f9";
const WIDE_TABLE_COLUMNS = 8;
const CELL_PADDING = 3;
const UNBROKEN_ROWS = 16;

const gridLayout: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  fillColor: (rowIndex) => (rowIndex === 0 ? HEAD_FILL : null),
  paddingLeft: () => CELL_PADDING,
  paddingRight: () => CELL_PADDING,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

export type ReportHeading = {
  language: string;
  agencyParent: string;
  agency: string;
  nation: string;
  motto: string;
  placeAndDate: string;
  title: string;
  plan: string;
  asOf: string;
  generated: string;
  /** "Trang {page}/{pages}" */
  page: string;
};

/**
 * Numbers and dates get a fixed width from their Excel width (a date never wraps); text columns
 * share the rest of the page in proportion to theirs.
 */
function columnWidths(table: ReportTable, landscape: boolean): number[] {
  const page = landscape ? 841.89 : 595.28;
  const inner = page - 2 * MARGIN_X - table.columns.length * (CELL_PADDING * 2) - (table.columns.length + 1) * 0.5;
  const fixed = table.columns.map((c) => (c.kind === "text" ? null : c.kind === "date" ? 50 : c.kind === "code" ? 74 : Math.max(20, c.width * 3.3)));
  const rest = inner - fixed.reduce((sum: number, w) => sum + (w ?? 0), 0);
  const textWeight = table.columns.reduce((sum, c) => sum + (c.kind === "text" ? c.width : 0), 0);
  return table.columns.map((c, i) => fixed[i] ?? Math.floor((rest * c.width) / textWeight));
}

/** A table under its title; `lead` (a section's heading) goes with it, whole, when the table is short. */
function tableContent(table: ReportTable, locale: string, landscape: boolean, lead: Content[] = []): Content[] {
  const header: TableCell[] = table.columns.map((c) => ({ text: c.header, bold: true, alignment: isNumeric(c.kind) ? "right" : "left" }));
  const last = table.rows.length - 1;
  const body: TableCell[][] = table.rows.map((row, r) =>
    row.map((cell, i) => {
      const column = table.columns[i]!;
      return { text: cellText(cell, column.kind, locale), alignment: isNumeric(column.kind) ? "right" : "left", bold: Boolean(table.totalRow && r === last) };
    }),
  );
  const widths = columnWidths(table, landscape);
  // A note goes under the title, with it: after the table it could stray onto a page of its own.
  const parts: Content[] = [...lead, { text: table.title, style: "h3", headlineLevel: 2 }];
  if (table.note) parts.push({ text: table.note, style: "note", headlineLevel: 2 });
  if (table.rows.length) {
    parts.push({
      table: { headerRows: 1, dontBreakRows: true, widths, body: [header, ...body] },
      layout: "grid",
      style: table.columns.length > 6 ? "tableSmall" : "table",
      margin: [0, 2, 0, 10],
    });
  } else {
    parts.push({ text: table.empty ?? "—", style: "body", italics: true, margin: [0, 0, 0, 10] });
  }
  // A short table moves to the next page whole rather than leave its total row behind.
  return table.rows.length <= UNBROKEN_ROWS ? [{ stack: parts, unbreakable: true }] : parts;
}

type NodeInfo = { headlineLevel?: number; style?: string };
const RUNNING = "running";

// A heading is never the last thing on its page, and one that already opens a page stays there (it
// may open a landscape page by itself). pdfmake 0.2 passes the nodes after it and before it on the
// page as the second and fourth arguments, computed only when the function declares them.
function keepHeadingsWithNextFn(node: NodeInfo, followingNodesOnPage: NodeInfo[], _nodesOnNextPage: NodeInfo[], previousNodesOnPage: NodeInfo[]): boolean {
  if (!node.headlineLevel) return false;
  if (!previousNodesOnPage.some((previous) => previous.style !== RUNNING)) return false;
  return followingNodesOnPage.filter((next) => next.style !== RUNNING).every((next) => next.headlineLevel);
}
const keepHeadingsWithNext = keepHeadingsWithNextFn as unknown as TDocumentDefinitions["pageBreakBefore"];

export function reportDefinition(sections: readonly ReportSection[], heading: ReportHeading): TDocumentDefinitions {
  const content: Content[] = [
    {
      columns: [
        { width: "45%", alignment: "center", stack: [heading.agencyParent.toUpperCase(), { text: heading.agency.toUpperCase(), bold: true }] },
        {
          width: "55%",
          alignment: "center",
          stack: [
            { text: heading.nation.toUpperCase(), bold: true },
            { text: heading.motto, bold: true },
          ],
        },
      ],
      fontSize: 10,
    },
    { text: heading.placeAndDate, alignment: "right", italics: true, margin: [0, 10, 0, 14] },
    { text: heading.title.toUpperCase(), style: "title" },
    { text: heading.plan, style: "subtitle" },
    { text: heading.asOf, style: "asOf" },
  ];
  let landscape = false;
  sections.forEach((section, index) => {
    const wide = section.tables.some((table) => table.columns.length > WIDE_TABLE_COLUMNS);
    const title: Content = { text: `${index + 1}. ${section.title}`, style: "h2", headlineLevel: 1 };
    if (wide !== landscape) {
      Object.assign(title, { pageBreak: "before", pageOrientation: wide ? "landscape" : "portrait" });
      landscape = wide;
    }
    const lead: Content[] = [title, ...(section.intro ? [{ text: section.intro, style: "body" }] : [])];
    // A section's heading opening a new page stays out of the first table's block: nothing to keep it from.
    const opensPage = "pageBreak" in title;
    if (opensPage) content.push(...lead);
    section.tables.forEach((table, i) => content.push(...tableContent(table, heading.language, landscape, i === 0 && !opensPage ? lead : [])));
  });

  return {
    pageSize: "A4",
    pageOrientation: "portrait",
    pageMargins: [MARGIN_X, MARGIN_Y, MARGIN_X, MARGIN_Y],
    language: heading.language,
    info: { title: heading.title, subject: heading.plan, creator: heading.generated },
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: heading.generated, width: "*", style: RUNNING },
        { text: heading.page.replace("{page}", String(currentPage)).replace("{pages}", String(pageCount)), width: "auto", alignment: "right", style: RUNNING },
      ],
      style: RUNNING,
      margin: [MARGIN_X, 16, MARGIN_X, 0],
      fontSize: 8,
      color: MUTED,
    }),
    pageBreakBefore: keepHeadingsWithNext,
    content,
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2, color: INK },
    styles: {
      title: { fontSize: 14, bold: true, alignment: "center", margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, italics: true, alignment: "center", margin: [0, 0, 0, 4] },
      asOf: { fontSize: 9, alignment: "center", color: MUTED, margin: [0, 0, 0, 12] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] },
      body: { margin: [0, 0, 0, 6] },
      note: { fontSize: 8, italics: true, color: MUTED, margin: [0, 0, 0, 3] },
      table: { fontSize: 9 },
      tableSmall: { fontSize: 7.5 },
    },
  };
}

export function reportPdf(sections: readonly ReportSection[], heading: ReportHeading): Promise<Buffer> {
  return renderPdf(reportDefinition(sections, heading), { grid: gridLayout });
}
