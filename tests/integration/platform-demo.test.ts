// The demo build (DEMO_MODE=1) lets a tester read outgoing mail at /dev/outbox. env() reads process.env once
// and caches it, so the flag is set before any app module loads; each test file has its own module graph.
import { afterAll, describe, expect, test, vi } from "vitest";

const previous = vi.hoisted(() => {
  const value = process.env.DEMO_MODE;
  process.env.DEMO_MODE = "1";
  return value;
});

const { loader: rootLoader } = await import("~/root");
const { loader: outboxLoader } = await import("~/routes/dev.outbox");
const { action: forgotAction } = await import("~/routes/forgot-password");
const { buildRequest, createBusinessWithOwner, createUser, requestAs, run, silenceOutboxLog } = await import("../helpers");

silenceOutboxLog();

afterAll(() => {
  if (previous === undefined) delete process.env.DEMO_MODE;
  else process.env.DEMO_MODE = previous;
});

type OutboxData = { mails: { to: string; subject: string; body: string }[] };

describe("/dev/outbox in demo mode", () => {
  test("the root loader says this is the demo", async () => {
    expect((await run(rootLoader, buildRequest("/"))).data).toMatchObject({ isDemo: true });
  });

  test("a DOST admin reads the mails the portal would send, newest first, reset link included", async () => {
    const admin = await createUser("dost_admin", null);
    const first = await createBusinessWithOwner();
    const second = await createBusinessWithOwner();
    await run(forgotAction, buildRequest("/forgot-password", { form: { email: first.email } }));
    await run(forgotAction, buildRequest("/forgot-password", { form: { email: second.email } }));

    const outcome = await run(outboxLoader, await requestAs(admin.id, "/dev/outbox"));

    expect(outcome.status).toBe(200);
    const { mails } = outcome.data as OutboxData;
    expect(mails.slice(0, 2).map((m) => m.to)).toEqual([second.email, first.email]);
    expect(mails[0]!.body).toMatch(/\/reset-password\/[A-Za-z0-9_-]+/);
  });

  test.each([
    { role: "DOST reviewer", make: () => createUser("dost_reviewer", null).then((u) => u.id) },
    { role: "business owner", make: () => createBusinessWithOwner().then((b) => b.ownerId) },
  ])("a $role gets 404", async ({ make }) => {
    expect((await run(outboxLoader, await requestAs(await make(), "/dev/outbox"))).status).toBe(404);
  });

  test("an anonymous visitor is sent to log in", async () => {
    const outcome = await run(outboxLoader, await requestAs(null, "/dev/outbox"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/login?redirectTo=%2Fdev%2Foutbox");
  });
});
