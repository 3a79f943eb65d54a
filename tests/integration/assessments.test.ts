import { describe, expect, test } from "vitest";
import { answersOf, getAssessment, saveAnswers, sectionsOf, startAssessment, writeAnswer } from "~/modules/assessments/assessments.server";
import { action as listAction, loader as listLoader } from "~/routes/business.assessments._index";
import { loader as overviewLoader } from "~/routes/business.assessments.$assessmentId._index";
import { loader as resultLoader } from "~/routes/business.assessments.$assessmentId.result";
import { action as sectionAction, loader as sectionLoader } from "~/routes/business.assessments.$assessmentId.sections.$sectionKey";
import { action as submitAction } from "~/routes/business.assessments.$assessmentId.submit";
import { loader as fileLoader } from "~/routes/business.files.$fileId";
import { db } from "~/utils/db.server";
import { buildRequest, cookieFor, createBusinessWithOwner, createUser, multipartRequest, run, TEST_PASSWORD } from "../helpers";

/** Answers typed by people, leaving out those the register filled in at the start. */
async function typedAnswers(id: number) {
  return [...(await answersOf(id)).values()].filter((a) => !a.evidenceUrl?.startsWith("/business/")).map((a) => a.itemKey);
}

const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));

async function businessWithAssessment(sectors = ["fuel"]) {
  const business = await createBusinessWithOwner({ sectors });
  const cookie = await cookieFor(business.ownerId);
  const started = await run(listAction, buildRequest("/business/assessments", { cookie, form: {} }));
  const id = Number(started.location!.split("/").pop());
  const scope = { kind: "business" as const, businessId: business.businessId, user: { id: business.ownerId } as never };
  const assessment = (await getAssessment(scope, id))!;
  return { ...business, cookie, id, scope, sections: sectionsOf(assessment).sections };
}

describe("starting", () => {
  test("pins the current checklist version and the business's sectors; starting again resumes the draft", async () => {
    const { id, cookie, scope } = await businessWithAssessment(["water", "fuel"]);
    const assessment = (await getAssessment(scope, id))!;
    expect(assessment).toMatchObject({ checklistVersion: "510-v1", sectors: ["fuel", "water"], status: "draft" });
    const again = await run(listAction, buildRequest("/business/assessments", { cookie, form: {} }));
    expect(again.location).toBe(`/business/assessments/${id}`);
    expect(await db().selectFrom("assessment").where("business_id", "=", scope.businessId).select("id").execute()).toHaveLength(1);
  });

  test("a fuel retailer and a water utility see different sector items", async () => {
    const fuel = await businessWithAssessment(["fuel"]);
    const water = await businessWithAssessment(["water"]);
    const keys = (sections: typeof fuel.sections) => sections.flatMap((s) => s.items.map((i) => i.key));
    expect(keys(fuel.sections)).toContain("legal-control.fuel-dispensers");
    expect(keys(fuel.sections)).not.toContain("legal-control.water-meters");
    expect(keys(water.sections)).toContain("legal-control.water-meters");
    expect(keys(water.sections)).not.toContain("legal-control.fuel-dispensers");
  });
});

describe("saving and resuming", () => {
  test("a section saved by one member is there when another member opens it, with who and when", async () => {
    const { id, cookie, businessId, sections } = await businessWithAssessment();
    const section = sections[0]!;
    const [first, second] = section.items;
    const saved = await run(
      sectionAction,
      multipartRequest(`/business/assessments/${id}/sections/${section.key}`, cookie, {
        intent: "save-next",
        [`answer:${first!.key}`]: "partly",
        [`note:${first!.key}`]: "Đang soạn dự thảo",
        [`link:${first!.key}`]: "https://tailieu.example.vn/du-thao.pdf",
        [`answer:${second!.key}`]: "no",
      }),
      { assessmentId: String(id), sectionKey: section.key },
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/business/assessments/${id}/sections/${sections[1]!.key}`);

    const colleague = await createUser("business_member", businessId);
    const page = await run(sectionLoader, buildRequest(`/business/assessments/${id}/sections/${section.key}`, { cookie: await cookieFor(colleague.id) }), {
      assessmentId: String(id),
      sectionKey: section.key,
    });
    const items = (page.data as { items: Array<{ key: string; answer: string | null; note: string; evidenceUrl: string; updated: { by: string } | null }> }).items;
    expect(items[0]).toMatchObject({ answer: "partly", note: "Đang soạn dự thảo", evidenceUrl: "https://tailieu.example.vn/du-thao.pdf" });
    expect(items[0]!.updated?.by).toBe("Nguyễn Văn Thử");
    expect(items[1]).toMatchObject({ answer: "no" });
    expect(items[2]).toMatchObject({ answer: null });

    const overview = await run(overviewLoader, buildRequest(`/business/assessments/${id}`, { cookie }), { assessmentId: String(id) });
    const progress = (overview.data as { sections: Array<{ key: string; status: string; answered: number }> }).sections;
    expect(progress[0]).toMatchObject({ status: "inProgress", answered: 2 });
    expect(progress[1]).toMatchObject({ status: "notStarted" });
  });

  test("autosave stores one item without touching its evidence file", async () => {
    const { id, cookie, sections } = await businessWithAssessment();
    const section = sections[0]!;
    const key = section.items[0]!.key;
    const params = { assessmentId: String(id), sectionKey: section.key };
    await run(
      sectionAction,
      multipartRequest(`/business/assessments/${id}/sections/${section.key}`, cookie, { intent: "save", [`answer:${key}`]: "no" }, {
        [`file:${key}`]: new File([PDF], "quyet-dinh.pdf", { type: "application/pdf" }),
      }),
      params,
    );
    const autosaved = await run(
      sectionAction,
      buildRequest(`/business/assessments/${id}/sections/${section.key}`, { cookie, form: { intent: "autosave", item: key, [`answer:${key}`]: "yes" } }),
      params,
    );
    expect(autosaved.status).toBe(200);
    expect((autosaved.data as { savedAt: string }).savedAt).toBeTruthy();
    const answer = (await answersOf(id)).get(key)!;
    expect(answer.answer).toBe("yes");
    expect(answer.evidenceFileName).toBe("quyet-dinh.pdf");
    expect(answer.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a bad link or a fake PDF refuses the whole save, keeps what was typed and saves nothing", async () => {
    const { id, cookie, sections } = await businessWithAssessment();
    const section = sections[0]!;
    const [first, second] = section.items;
    const outcome = await run(
      sectionAction,
      multipartRequest(
        `/business/assessments/${id}/sections/${section.key}`,
        cookie,
        { intent: "save", [`answer:${first!.key}`]: "yes", [`note:${first!.key}`]: "giữ lại", [`link:${second!.key}`]: "javascript:alert(1)" },
        { [`file:${first!.key}`]: new File(["not really a pdf"], "fake.pdf", { type: "application/pdf" }) },
      ),
      { assessmentId: String(id), sectionKey: section.key },
    );
    expect(outcome.status).toBe(400);
    const result = outcome.data as { errors: Record<string, string>; values: Record<string, string> };
    expect(result.errors).toEqual({ [`file:${first!.key}`]: "assessments:errors.fileType", [`link:${second!.key}`]: "assessments:errors.link" });
    expect(result.values[`note:${first!.key}`]).toBe("giữ lại");
    expect(await typedAnswers(id)).toEqual([]);
  });

  test("an item key from another section or a made-up one is ignored", async () => {
    const { id, cookie, sections } = await businessWithAssessment();
    const [section, other] = sections;
    await run(
      sectionAction,
      multipartRequest(`/business/assessments/${id}/sections/${section!.key}`, cookie, {
        intent: "save",
        [`answer:${other!.items[0]!.key}`]: "yes",
        "answer:made.up": "yes",
      }),
      { assessmentId: String(id), sectionKey: section!.key },
    );
    expect(await typedAnswers(id)).toEqual([]);
  });

  test("items the register can answer start answered from it, with the register as evidence", async () => {
    const { id } = await businessWithAssessment();
    const fromRegister = [...(await answersOf(id)).values()];
    expect(fromRegister.map((a) => a.itemKey).sort()).toEqual(
      ["instruments.register", "instruments.responsible-person", "legal-control.periodic-on-time", "records.certificates-kept", "traceability.calibration-on-time"].sort(),
    );
    // A business with no instruments yet: no register, nothing on time to judge.
    expect(fromRegister.find((a) => a.itemKey === "instruments.register")).toMatchObject({ answer: "no", evidenceUrl: "/business/instruments" });
    expect(fromRegister.find((a) => a.itemKey === "legal-control.periodic-on-time")).toMatchObject({ answer: "na", evidenceUrl: "/business/schedule" });
  });

  test("a section holding register answers saves as the page sends it back", async () => {
    const { id, cookie, sections } = await businessWithAssessment();
    const section = sections.find((s) => s.key === "instruments")!;
    const answers = await answersOf(id);
    const fields: Record<string, string> = { intent: "save" };
    for (const item of section.items) {
      const a = answers.get(item.key);
      fields[`answer:${item.key}`] = a?.answer ?? "yes";
      fields[`link:${item.key}`] = a?.evidenceUrl ?? "";
    }
    const saved = await run(sectionAction, multipartRequest(`/business/assessments/${id}/sections/instruments`, cookie, fields), {
      assessmentId: String(id),
      sectionKey: "instruments",
    });
    expect(saved.status).toBe(302);
  });
});

describe("two people on one section", () => {
  type PageItem = { key: string; answer: string | null; note: string; evidenceUrl: string; version: number; loaded: string };

  /** The owner and a member of one business, each with the first section open. */
  async function twoPeople() {
    const business = await businessWithAssessment();
    const section = business.sections[0]!;
    const member = await createUser("business_member", business.businessId);
    const memberCookie = await cookieFor(member.id);
    const path = `/business/assessments/${business.id}/sections/${section.key}`;
    const params = { assessmentId: String(business.id), sectionKey: section.key };
    const open = async (cookie: string) => ((await run(sectionLoader, buildRequest(path, { cookie }), params)).data as { items: PageItem[] }).items;
    const [x, y] = section.items.map((i) => i.key);
    return { ...business, member, memberCookie, path, params, open, x: x!, y: y! };
  }

  /** The section form as the page posts it (hidden versions included), with what the user changed. */
  function pageForm(items: PageItem[], changes: Record<string, string>, intent = "save") {
    const fields: Record<string, string> = { intent };
    for (const item of items) {
      fields[`answer:${item.key}`] = item.answer ?? "";
      fields[`note:${item.key}`] = item.note;
      fields[`link:${item.key}`] = item.evidenceUrl;
      fields[`version:${item.key}`] = String(item.version);
      fields[`loaded:${item.key}`] = item.loaded;
    }
    Object.assign(fields, changes);
    // No radio ticked: the browser sends nothing for the answer.
    for (const [name, value] of Object.entries(fields)) if (name.startsWith("answer:") && !value) delete fields[name];
    return fields;
  }

  test("a save writes only what its user changed: a colleague's newer answer to an untouched item stays", async () => {
    const { cookie, memberCookie, path, params, open, id, x, y } = await twoPeople();
    const ownersPage = await open(cookie);
    const membersPage = await open(memberCookie);

    const memberSaved = await run(sectionAction, multipartRequest(path, memberCookie, pageForm(membersPage, { [`answer:${x}`]: "partly", [`note:${x}`]: "Đã có dự thảo quyết định" })), params);
    expect(memberSaved.status).toBe(302);

    // The owner's page still shows item X unanswered; he answers only item Y.
    const ownerSaved = await run(sectionAction, multipartRequest(path, cookie, pageForm(ownersPage, { [`answer:${y}`]: "yes" })), params);
    expect(ownerSaved.status).toBe(302);
    const answers = await answersOf(id);
    expect(answers.get(x)).toMatchObject({ answer: "partly", note: "Đã có dự thảo quyết định", updatedByName: "Người dùng business_member" });
    expect(answers.get(y)).toMatchObject({ answer: "yes", updatedByName: "Nguyễn Văn Thử" });
  });

  test("an item both changed is not overwritten: the page shows whose newer answer, keeps what was typed, saves the rest", async () => {
    const { cookie, memberCookie, path, params, open, id, x, y } = await twoPeople();
    const ownersPage = await open(cookie);
    const membersPage = await open(memberCookie);
    await run(sectionAction, multipartRequest(path, memberCookie, pageForm(membersPage, { [`answer:${x}`]: "partly", [`note:${x}`]: "Đã có dự thảo quyết định" })), params);

    const owners = pageForm(ownersPage, { [`answer:${x}`]: "no", [`note:${x}`]: "Chưa ban hành", [`answer:${y}`]: "yes" });
    const refused = await run(sectionAction, multipartRequest(path, cookie, owners), params);
    expect(refused.status).toBe(409);
    const result = refused.data as {
      errors: Record<string, string>;
      values: Record<string, string>;
      conflicts: Record<string, { updatedByName: string; answer: string; note: string; version: number; yours: { answer: string; note: string } }>;
    };
    expect(result.errors).toEqual({ [`answer:${x}`]: "assessments:conflict.error" });
    expect(Object.keys(result.conflicts)).toEqual([x]);
    expect(result.conflicts[x]).toMatchObject({ updatedByName: "Người dùng business_member", answer: "partly", note: "Đã có dự thảo quyết định", yours: { answer: "no", note: "Chưa ban hành" } });
    expect(result.values).toMatchObject({ [`answer:${x}`]: "no", [`note:${x}`]: "Chưa ban hành" });
    let answers = await answersOf(id);
    expect(answers.get(x)).toMatchObject({ answer: "partly", note: "Đã có dự thảo quyết định" });
    expect(answers.get(y)).toMatchObject({ answer: "yes" });

    // Sent again without choosing: still refused. Choosing "theirs" keeps the member's answer.
    const resent = { ...result.values, [`newer:${x}`]: String(result.conflicts[x]!.version) };
    expect((await run(sectionAction, multipartRequest(path, cookie, resent), params)).status).toBe(409);
    const keptTheirs = await run(sectionAction, multipartRequest(path, cookie, { ...resent, [`keep:${x}`]: "theirs" }), params);
    expect(keptTheirs.status).toBe(302);
    answers = await answersOf(id);
    expect(answers.get(x)).toMatchObject({ answer: "partly", note: "Đã có dự thảo quyết định", updatedByName: "Người dùng business_member" });

    // Or, from the same refused page, "mine": written over the answer that was shown.
    const keptMine = await run(sectionAction, multipartRequest(path, cookie, { ...resent, [`keep:${x}`]: "mine" }), params);
    expect(keptMine.status).toBe(302);
    expect((await answersOf(id)).get(x)).toMatchObject({ answer: "no", note: "Chưa ban hành", updatedByName: "Nguyễn Văn Thử" });
  });

  test("save as you go: an item another user saved since is refused and the newer answer shown; keeping mine then saves it", async () => {
    const { cookie, memberCookie, path, params, open, id, x } = await twoPeople();
    const ownersPage = await open(cookie);
    const membersPage = await open(memberCookie);
    const itemFields = (page: PageItem[], answer: string, extra: Record<string, string> = {}) => {
      const item = page.find((i) => i.key === x)!;
      return { intent: "autosave", item: x, [`answer:${x}`]: answer, [`note:${x}`]: "", [`link:${x}`]: "", [`version:${x}`]: String(item.version), [`loaded:${x}`]: item.loaded, ...extra };
    };
    const memberSaved = await run(sectionAction, buildRequest(path, { cookie: memberCookie, form: itemFields(membersPage, "yes") }), params);
    expect((memberSaved.data as { ok: boolean; item: { version: number } }).item.version).toBe(1);

    const refused = await run(sectionAction, buildRequest(path, { cookie, form: itemFields(ownersPage, "no") }), params);
    expect(refused.status).toBe(200);
    const data = refused.data as { ok: boolean; savedAt: string | null; conflicts: Record<string, { answer: string; version: number; updatedByName: string; yours: { answer: string } }> };
    expect(data.ok).toBe(false);
    expect(data.savedAt).toBeNull();
    expect(data.conflicts[x]).toMatchObject({ answer: "yes", version: 1, updatedByName: "Người dùng business_member", yours: { answer: "no" } });
    expect((await answersOf(id)).get(x)).toMatchObject({ answer: "yes", version: 1 });

    const kept = await run(sectionAction, buildRequest(path, { cookie, form: itemFields(ownersPage, "no", { [`newer:${x}`]: "1", [`keep:${x}`]: "mine" }) }), params);
    expect(kept.data).toMatchObject({ ok: true, item: { version: 2, answer: "no" } });
    expect((await answersOf(id)).get(x)).toMatchObject({ answer: "no", version: 2, updatedByName: "Nguyễn Văn Thử" });
  });

  test("two saves of one item at once: only one gets through, the other is shown the winner's answer", async () => {
    const { scope, member, businessId, id, x, sections } = await twoPeople();
    const memberScope = { kind: "business" as const, businessId, user: { id: member.id } as never };
    const input = (answer: "yes" | "no") => ({ itemKey: x, answer, note: "", evidenceUrl: null, upload: null, removeFile: false, loaded: { version: 0, fingerprint: "unanswered" } });
    const results = await Promise.all([saveAnswers(scope, id, sections[0]!.key, [input("yes")]), saveAnswers(memberScope, id, sections[0]!.key, [input("no")])]);
    expect(results.filter((r) => r === "saved")).toHaveLength(1);
    const refused = results.find((r) => typeof r === "object") as { conflicts: Array<{ itemKey: string; answer: string }> };
    const stored = (await answersOf(id)).get(x)!;
    expect(refused.conflicts).toEqual([expect.objectContaining({ itemKey: x, answer: stored.answer })]);
    expect(stored.version).toBe(1);

    // The compare is in the write itself: a write that read version 1 finds 2 and changes nothing.
    const values = { answer: "partly" as const, note: "", evidence_url: null, evidence_file_id: null, updated_by: member.id, updated_at: new Date().toISOString() };
    expect(await writeAnswer(db(), id, x, { ...values, answer: "na" }, 1)).toBe(true);
    expect(await writeAnswer(db(), id, x, values, 1)).toBe(false);
    expect(await writeAnswer(db(), id, sections[0]!.items[2]!.key, values, null)).toBe(true);
    expect(await writeAnswer(db(), id, sections[0]!.items[2]!.key, values, null)).toBe(false);
    expect((await answersOf(id)).get(x)).toMatchObject({ answer: "na", version: 2 });
  });
});

describe("submitting", () => {
  async function answerEverything(id: number, cookie: string, sections: Awaited<ReturnType<typeof businessWithAssessment>>["sections"], answer = "yes") {
    for (const section of sections) {
      const fields: Record<string, string> = { intent: "save" };
      for (const item of section.items) fields[`answer:${item.key}`] = answer;
      await run(sectionAction, multipartRequest(`/business/assessments/${id}/sections/${section.key}`, cookie, fields), {
        assessmentId: String(id),
        sectionKey: section.key,
      });
    }
  }

  test("needs every item answered and the user's password; then it is read-only, scored and dated", async () => {
    const { id, cookie, sections, scope } = await businessWithAssessment();
    const params = { assessmentId: String(id) };
    const early = await run(submitAction, buildRequest(`/business/assessments/${id}/submit`, { cookie, form: { password: TEST_PASSWORD } }), params);
    expect((early.data as { errors: Record<string, string> }).errors).toEqual({ form: "assessments:errors.unanswered" });

    await answerEverything(id, cookie, sections);
    const wrong = await run(submitAction, buildRequest(`/business/assessments/${id}/submit`, { cookie, form: { password: "not-my-password" } }), params);
    expect((wrong.data as { errors: Record<string, string> }).errors).toEqual({ password: "assessments:errors.password" });
    expect((await getAssessment(scope, id))!.status).toBe("draft");

    const done = await run(submitAction, buildRequest(`/business/assessments/${id}/submit`, { cookie, form: { password: TEST_PASSWORD } }), params);
    expect(done.status).toBe(302);
    const submitted = (await getAssessment(scope, id))!;
    expect(submitted).toMatchObject({ status: "submitted", score: 100, maturityLevel: "advanced" });
    expect(submitted.submittedAt).toBeTruthy();

    const section = sections[0]!;
    const change = await run(
      sectionAction,
      multipartRequest(`/business/assessments/${id}/sections/${section.key}`, cookie, { intent: "save", [`answer:${section.items[0]!.key}`]: "no" }),
      { assessmentId: String(id), sectionKey: section.key },
    );
    expect(change.status).toBe(409);
    expect((await answersOf(id)).get(section.items[0]!.key)!.answer).toBe("yes");
  });

  test("a second assessment's result shows what moved since the first", async () => {
    const { id, cookie, sections, scope } = await businessWithAssessment();
    await answerEverything(id, cookie, sections, "no");
    await run(submitAction, buildRequest(`/business/assessments/${id}/submit`, { cookie, form: { password: TEST_PASSWORD } }), { assessmentId: String(id) });
    await db().updateTable("assessment").set({ started_at: "2025-01-01T00:00:00.000Z" }).where("id", "=", id).execute();
    const { id: secondId } = await startAssessment(scope);
    await answerEverything(secondId, cookie, sections, "yes");
    const result = await run(resultLoader, buildRequest(`/business/assessments/${secondId}/result`, { cookie }), { assessmentId: String(secondId) });
    const data = result.data as { result: { overall: number; gaps: unknown[]; comparison: { delta: number; changes: Array<{ direction: string }> } } };
    expect(data.result.overall).toBe(100);
    expect(data.result.gaps).toEqual([]);
    expect(data.result.comparison.delta).toBe(100);
    expect(data.result.comparison.changes.every((c) => c.direction === "better")).toBe(true);
    expect(data.result.comparison.changes.length).toBe(sections.flatMap((s) => s.items).length);
  });
});

describe("another business's assessment", () => {
  test("every page, save and file of it answers 404", async () => {
    const theirs = await businessWithAssessment();
    const section = theirs.sections[0]!;
    const key = section.items[0]!.key;
    await run(
      sectionAction,
      multipartRequest(`/business/assessments/${theirs.id}/sections/${section.key}`, theirs.cookie, { intent: "save", [`answer:${key}`]: "no" }, {
        [`file:${key}`]: new File([PDF], "bi-mat.pdf", { type: "application/pdf" }),
      }),
      { assessmentId: String(theirs.id), sectionKey: section.key },
    );
    const fileId = (await answersOf(theirs.id)).get(key)!.evidenceFileId!;

    const mine = await createBusinessWithOwner();
    const cookie = await cookieFor(mine.ownerId);
    const id = String(theirs.id);
    expect((await run(overviewLoader, buildRequest(`/business/assessments/${id}`, { cookie }), { assessmentId: id })).status).toBe(404);
    expect((await run(resultLoader, buildRequest(`/business/assessments/${id}/result`, { cookie }), { assessmentId: id })).status).toBe(404);
    expect(
      (await run(sectionLoader, buildRequest(`/business/assessments/${id}/sections/${section.key}`, { cookie }), { assessmentId: id, sectionKey: section.key })).status,
    ).toBe(404);
    const forged = await run(
      sectionAction,
      buildRequest(`/business/assessments/${id}/sections/${section.key}`, { cookie, form: { intent: "autosave", item: key, [`answer:${key}`]: "yes" } }),
      { assessmentId: id, sectionKey: section.key },
    );
    expect(forged.status).toBe(404);
    expect((await answersOf(theirs.id)).get(key)!.answer).toBe("no");
    expect((await run(submitAction, buildRequest(`/business/assessments/${id}/submit`, { cookie, form: { password: TEST_PASSWORD } }), { assessmentId: id })).status).toBe(404);
    expect((await run(fileLoader, buildRequest(`/business/files/${fileId}`, { cookie }), { fileId: String(fileId) })).status).toBe(404);
    const list = await run(listLoader, buildRequest("/business/assessments", { cookie }));
    expect((list.data as { assessments: unknown[] }).assessments).toEqual([]);

    const own = await run(fileLoader, buildRequest(`/business/files/${fileId}`, { cookie: theirs.cookie }), { fileId: String(fileId) });
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("application/pdf");
  });
});
