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

export const i18nServer = new RemixI18Next({
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
