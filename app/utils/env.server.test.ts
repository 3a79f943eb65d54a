import { afterEach, describe, expect, test, vi } from "vitest";

// env() is read once per process, so each case loads the module afresh with its own environment.
async function envWith(environment: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(environment)) {
    if (value === undefined) {
      vi.stubEnv(key, "");
      delete process.env[key];
    } else vi.stubEnv(key, value);
  }
  const { env } = await import("./env.server");
  return env;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const production = { NODE_ENV: "production", DEMO_MODE: "0", SESSION_SECRET: "a-production-secret-value" };

describe("PUBLIC_URL", () => {
  test("production refuses to start without it, saying what to set", async () => {
    const env = await envWith({ ...production, PUBLIC_URL: undefined });
    expect(() => env()).toThrow(/PUBLIC_URL must be set in production/);
  });

  test("an empty value counts as missing", async () => {
    const env = await envWith({ ...production, PUBLIC_URL: "" });
    expect(() => env()).toThrow(/PUBLIC_URL must be set in production/);
  });

  test("the demo is production too: server.ts gives it its own address before env() is read", async () => {
    const env = await envWith({ NODE_ENV: "production", DEMO_MODE: "1", PUBLIC_URL: undefined });
    expect(() => env()).toThrow(/PUBLIC_URL/);
  });

  test.each([
    ["https://dbdl.sokhcn.cantho.gov.vn", "https://dbdl.sokhcn.cantho.gov.vn"],
    ["https://dbdl.sokhcn.cantho.gov.vn/", "https://dbdl.sokhcn.cantho.gov.vn"],
    ["http://10.0.0.5:8080", "http://10.0.0.5:8080"],
    ["HTTPS://DBDL.Example.VN", "https://dbdl.example.vn"],
  ])("%s is used as the origin %s", async (value, origin) => {
    const env = await envWith({ ...production, PUBLIC_URL: value });
    expect(env().publicUrl).toBe(origin);
  });

  test.each([
    ["dbdl.example.vn", /not a URL/],
    ["ftp://dbdl.example.vn", /https:\/\/ or http:\/\//],
    ["https://dbdl.example.vn/portal", /origin only/],
    ["https://dbdl.example.vn/?x=1", /origin only/],
    ["https://user:pass@dbdl.example.vn", /origin only/],
  ])("%s is refused", async (value, message) => {
    const env = await envWith({ ...production, PUBLIC_URL: value });
    expect(() => env()).toThrow(message);
  });

  test("outside production it defaults to this machine, on PORT", async () => {
    expect((await envWith({ NODE_ENV: "development", PUBLIC_URL: undefined, PORT: undefined }))().publicUrl).toBe("http://localhost:3000");
    expect((await envWith({ NODE_ENV: "development", PUBLIC_URL: undefined, PORT: "4100" }))().publicUrl).toBe("http://localhost:4100");
  });
});
