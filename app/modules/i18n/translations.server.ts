import { createHash } from "node:crypto";
import { type i18n } from "i18next";
import { type Language, isLanguage } from "./config";
import { createI18n } from "./i18n-client";
import { resources } from "./resources";
import { type ServerI18n } from "./translations-context";

/** Changes whenever a text changes, so the script can be cached for a year. */
export const translationsVersion = createHash("sha256").update(JSON.stringify(resources)).digest("hex").slice(0, 12);

export function translationsUrl(language: Language): string {
  return `/locales/${language}-${translationsVersion}.js`;
}

export function translationsScript(language: Language): string {
  return `window.__portalTranslations=${JSON.stringify(resources[language])};`;
}

const instances = new Map<string, i18n>();

export const serverI18n: ServerI18n = {
  instanceFor(language: string) {
    const lng: Language = isLanguage(language) ? language : "vi";
    let instance = instances.get(lng);
    if (!instance) {
      instance = createI18n(lng, resources[lng]);
      instances.set(lng, instance);
    }
    return instance;
  },
};
