// The programme document (PRODUCT.md §3.2): page and PDF, for the owner's business only.
import { describe, expect, test } from "vitest";
import { type AnswerInput, saveAnswers, startAssessment } from "~/modules/assessments/assessments.server";
import { type ProgrammeBlock, type ProgrammeDocument } from "~/modules/assessments/programme.server";
import { loader as programmeLoader } from "~/routes/business.assessments.$assessmentId.programme";
import { loader as pdfLoader } from "~/routes/business.assessments.$assessmentId.programme[.pdf]";
import { requireBusinessScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createBusinessWithOwner, requestAs, run } from "../helpers";

const answer = (itemKey: string, value: AnswerInput["answer"], note = ""): AnswerInput => ({
  itemKey,
  answer: value,
  note,
  evidenceUrl: null,
  upload: null,
  removeFile: false,
});

/** A fuel retailer with an assessment: one legal item failed, one met, one partly met. */
async function ownerWithAssessment() {
  const owner = await createBusinessWithOwner({ sectors: ["fuel"] });
  const scope = await requireBusinessScope(await requestAs(owner.ownerId, "/business"));
  const { id } = await startAssessment(scope);
  expect(
    await saveAnswers(scope, id, "legal-control", [
      answer("legal-control.periodic-on-time", "no", "Cột số 3 quá hạn từ tháng trước"),
      answer("legal-control.fuel-dispensers", "yes"),
    ]),
  ).toBe("saved");
  expect(await saveAnswers(scope, id, "people", [answer("people.training-records", "partly")])).toBe("saved");
  // Fixed dates, so the period and every deadline below are known: 31/01/2026 in Vietnam.
  await db().updateTable("assessment").set({ started_at: "2026-01-30T18:30:00.000Z" }).where("id", "=", id).execute();
  return { ...owner, assessmentId: id };
}

function programmeOf(data: unknown): ProgrammeDocument {
  return (data as { programme: ProgrammeDocument }).programme;
}

function section(doc: ProgrammeDocument, key: string) {
  const found = doc.sections.find((s) => s.key === key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
}

function tables(blocks: ProgrammeBlock[]) {
  return blocks.filter((b): b is Extract<ProgrammeBlock, { kind: "table" }> => b.kind === "table");
}

describe("programme page", () => {
  test("the owner gets the document built from the assessment, the profile, the sites and the members", async () => {
    const { ownerId, assessmentId, input } = await ownerWithAssessment();
    const outcome = await run(programmeLoader, await requestAs(ownerId, `/business/assessments/${assessmentId}/programme`), {
      assessmentId: String(assessmentId),
    });
    expect(outcome.status).toBe(200);
    const doc = programmeOf(outcome.data);

    expect(doc.language).toBe("vi");
    expect(doc.businessName).toBe(input.legalName);
    expect(doc.fileName).toBe(`chuong-trinh-dbdl-${input.taxCode}-2026-01-31.pdf`);
    expect(doc.periodLine).toBe("Thời gian thực hiện: từ 31/01/2026 đến 30/01/2027 (12 tháng)");
    expect(doc.basis.text).toContain("510/QĐ-BKHCN");
    expect(doc.sections.map((s) => [s.number, s.key])).toEqual([
      [1, "scope"],
      [2, "responsibilities"],
      [3, "instruments"],
      [4, "traceability"],
      [5, "methods"],
      [6, "people"],
      [7, "records"],
      [8, "review"],
      [9, "objectives"],
    ]);
    // A draft counts unanswered items as gaps, and says it is a draft.
    expect(doc.status).toContain("chưa nộp");
    expect(doc.currentState.paragraphs.join(" ")).toMatch(/\/100 điểm, mức “Khởi đầu”/);

    const scope = section(doc, "scope");
    expect(scope.blocks).toContainEqual(
      expect.objectContaining({ kind: "facts", rows: expect.arrayContaining([{ label: "Thời gian thực hiện", value: "Từ 31/01/2026 đến 30/01/2027 (12 tháng)" }]) }),
    );
    expect(tables(scope.blocks)[0]!.rows).toEqual([["1", input.legalName, "1 Đường Hòa Bình, Phường Ninh Kiều"]]);

    const responsibilities = section(doc, "responsibilities");
    expect(responsibilities.blocks[0]).toMatchObject({ kind: "paragraph", text: expect.stringContaining(input.contactName) });
    expect(tables(responsibilities.blocks)[0]!.rows).toEqual([["1", input.contactName, input.contactEmail, "Chủ tài khoản doanh nghiệp"]]);
    expect(doc.approval.signers.map((s) => [s.role, s.name])).toEqual([
      ["Người lập", input.contactName],
      ["Người phê duyệt", null],
    ]);

    // No register yet: said plainly, no instrument listed.
    expect(section(doc, "instruments").blocks[0]).toMatchObject({ kind: "note", title: "Chưa có sổ phương tiện đo trên Cổng" });

    // Traceability lists the legal-control and calibration items with their current answers.
    const traceRows = tables(section(doc, "traceability").blocks).flatMap((t) => t.rows);
    expect(traceRows).toContainEqual(["3", expect.stringContaining("còn hạn kiểm định"), "Chưa", "Cột số 3 quá hạn từ tháng trước"]);
    expect(traceRows.some((row) => row[2] === "Có")).toBe(true);
    expect(traceRows.some((row) => row[2] === "Chưa trả lời")).toBe(true);
    // Without any note in a section, its table has no note column.
    expect(tables(section(doc, "methods").blocks)[0]!.columns.map((c) => c.label)).toEqual(["TT", "Nội dung", "Hiện trạng"]);

    // Review schedule: three quarterly checks and the yearly review on the period's last day.
    expect(tables(section(doc, "review").blocks)[0]!.rows.map((row) => [row[0], row[1]])).toEqual([
      ["Kiểm tra quý 1", "30/04/2026"],
      ["Kiểm tra quý 2", "30/07/2026"],
      ["Kiểm tra quý 3", "30/10/2026"],
      ["Xem xét hằng năm", "30/01/2027"],
    ]);

    // Tasks: every gap, highest priority first, with the checklist's action, the contact person and a due date.
    const tasks = tables(section(doc, "objectives").blocks).find((t) => t.columns[1]?.label === "Nhiệm vụ")!;
    expect(tasks.rows.map((row) => row[0])).toEqual(tasks.rows.map((_, i) => String(i + 1)));
    expect(tasks.rows).toContainEqual([
      expect.any(String),
      expect.stringContaining("gọi tổ chức kiểm định đặt lịch ngay"),
      ["Kiểm soát phương tiện đo nhóm 2 theo quy định", "Chưa"],
      input.contactName,
      "30/04/2026",
    ]);
    const taskTexts = tasks.rows.map((row) => row[2]);
    expect(taskTexts).toContainEqual(["Nhân lực", "Một phần"]);
    expect(tasks.rows.find((row) => (row[2] as string[])[1] === "Một phần")![4]).toBe("30/01/2027");
    expect(taskTexts).not.toContainEqual(["Kiểm soát phương tiện đo nhóm 2 theo quy định", "Có"]);
  });

  test("English on request", async () => {
    const { ownerId, assessmentId } = await ownerWithAssessment();
    const outcome = await run(programmeLoader, await requestAs(ownerId, `/business/assessments/${assessmentId}/programme?lng=en`), {
      assessmentId: String(assessmentId),
    });
    const doc = programmeOf(outcome.data);
    expect(doc.language).toBe("en");
    expect(doc.periodLine).toBe("Period: from 31/01/2026 to 30/01/2027 (12 months)");
    expect(section(doc, "instruments").blocks[0]).toMatchObject({ kind: "note", title: "No instrument register on the portal yet" });
    expect(doc.basis.text).toContain("not an official scoring scheme");
  });

  test("a submitted assessment's programme runs from the submission date", async () => {
    const { ownerId, assessmentId } = await ownerWithAssessment();
    await db()
      .updateTable("assessment")
      .set({ status: "submitted", submitted_at: "2026-02-28T09:00:00.000Z", submitted_by: ownerId, score: 12.5, maturity_level: "initial" })
      .where("id", "=", assessmentId)
      .execute();
    const outcome = await run(programmeLoader, await requestAs(ownerId, `/business/assessments/${assessmentId}/programme`), {
      assessmentId: String(assessmentId),
    });
    const doc = programmeOf(outcome.data);
    expect(doc.periodLine).toBe("Thời gian thực hiện: từ 28/02/2026 đến 27/02/2027 (12 tháng)");
    expect(doc.status).toContain("đã nộp ngày 28/02/2026");
    expect(doc.currentState.paragraphs[0]).toContain("12,5/100 điểm");
  });

  test("another business's assessment, a missing one and a malformed id are not found", async () => {
    const { assessmentId } = await ownerWithAssessment();
    const other = await createBusinessWithOwner();
    for (const id of [String(assessmentId), "999999", "abc"]) {
      const outcome = await run(programmeLoader, await requestAs(other.ownerId, `/business/assessments/${id}/programme`), { assessmentId: id });
      expect(outcome.status, id).toBe(404);
    }
  });

  test("signed out: sent to the login page", async () => {
    const { assessmentId } = await ownerWithAssessment();
    const outcome = await run(programmeLoader, await requestAs(null, `/business/assessments/${assessmentId}/programme`), {
      assessmentId: String(assessmentId),
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("programme PDF", () => {
  test("the owner downloads a PDF named after the tax code and the period start", async () => {
    const { ownerId, assessmentId, input } = await ownerWithAssessment();
    const request = await requestAs(ownerId, `/business/assessments/${assessmentId}/programme.pdf`);
    const response = (await pdfLoader({ request, params: { assessmentId: String(assessmentId) }, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="chuong-trinh-dbdl-${input.taxCode}-2026-01-31.pdf"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  test("another business's assessment is not found", async () => {
    const { assessmentId } = await ownerWithAssessment();
    const other = await createBusinessWithOwner();
    const outcome = await run(pdfLoader, await requestAs(other.ownerId, `/business/assessments/${assessmentId}/programme.pdf`), {
      assessmentId: String(assessmentId),
    });
    expect(outcome.status).toBe(404);
    expect(outcome.headers.get("Content-Type")).not.toBe("application/pdf");
  });
});
