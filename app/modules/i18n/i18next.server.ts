import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { defaultNamespace, fallbackLanguage, namespaces, supportedLanguages } from "./config";
import { resources } from "./resources";

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 86_400,
});

const remixI18Next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // No "header": the browser's language must not override the Vietnamese default.
    order: ["searchParams", "cookie"],
  },
  i18next: {
    supportedLngs: [...supportedLanguages],
    fallbackLng: fallbackLanguage,
    defaultNS: defaultNamespace,
    ns: [...namespaces],
    resources,
    interpolation: { escapeValue: false },
  },
});

// remix-i18next builds a new i18next instance on every getFixedT call; the texts never change
// while the server runs, so one function per language and namespace is built once and kept.
const fixedTs = new Map<string, ReturnType<RemixI18Next["getFixedT"]>>();
const uncachedGetFixedT = remixI18Next.getFixedT.bind(remixI18Next) as (locale: string, namespaces?: unknown) => ReturnType<RemixI18Next["getFixedT"]>;

async function getFixedT(requestOrLocale: Request | string, namespaces?: unknown) {
  const locale = typeof requestOrLocale === "string" ? requestOrLocale : await remixI18Next.getLocale(requestOrLocale);
  const key = `${locale}|${JSON.stringify(namespaces ?? null)}`;
  let fixed = fixedTs.get(key);
  if (!fixed) {
    fixed = uncachedGetFixedT(locale, namespaces);
    fixedTs.set(key, fixed);
  }
  return fixed;
}

export const i18nServer = Object.assign(remixI18Next, { getFixedT: getFixedT as RemixI18Next["getFixedT"] });
