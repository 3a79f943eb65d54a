import { afterEach, describe, expect, test, vi } from "vitest";

// env() is read once per process, so each case loads the modules afresh with its own environment.
async function sessionCookieHeader(environment: Record<string, string>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(environment)) vi.stubEnv(key, value);
  const { sessionCookie } = await import("./session.server");
  return sessionCookie().serialize("some-session-id");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("session cookie", () => {
  test("production: HttpOnly, SameSite=Lax and Secure", async () => {
    const header = await sessionCookieHeader({ NODE_ENV: "production", DEMO_MODE: "0", SESSION_SECRET: "a-production-secret-value" });
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Secure/);
  });

  test("the demo on plain http: HttpOnly and SameSite=Lax, not Secure", async () => {
    const header = await sessionCookieHeader({ NODE_ENV: "production", DEMO_MODE: "1" });
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).not.toMatch(/Secure/);
  });

  test("production refuses to start without SESSION_SECRET", async () => {
    vi.resetModules();
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "0");
    vi.stubEnv("SESSION_SECRET", "");
    delete process.env.SESSION_SECRET;
    const { env } = await import("./env.server");
    expect(() => env()).toThrow(/SESSION_SECRET/);
  });
});
