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

type FixedT = ReturnType<i18n["getFixedT"]>;

/** A key, or a key with flat values ({ count: 3 }), identifies its text; anything else is not kept (nor objects asked for with returnObjects, which a caller could change). */
function keyOfCall(key: string, rest: unknown[]): string | null {
  if (rest.length === 0) return key;
  const options = rest[0];
  if (rest.length > 1 || !options || typeof options !== "object" || Object.getPrototypeOf(options) !== Object.prototype) return null;
  if ("returnObjects" in options) return null;
  for (const value of Object.values(options)) {
    // Only values JSON writes back unchanged (NaN and undefined would share a key with null).
    if (typeof value === "string" || typeof value === "boolean") continue;
    if (typeof value === "number" && Number.isFinite(value)) continue;
    return null;
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}

/**
 * A long table calls t() thousands of times per page, and i18next resolves every call afresh. The
 * texts never change while the server runs, so a call is answered from a map after the first time
 * when its key and flat values say all there is to it. Each component asks for its own t, so the
 * functions are kept too, one per namespace and key prefix.
 */
function rememberPlainLookups(instance: i18n): i18n {
  const getFixedT = instance.getFixedT.bind(instance) as (...args: unknown[]) => FixedT;
  const fixedTs = new Map<string, FixedT>();
  instance.getFixedT = ((lng: unknown, ns: unknown, keyPrefix: unknown) => {
    const id = `${String(lng)}|${Array.isArray(ns) ? ns.join(",") : String(ns)}|${String(keyPrefix)}`;
    let remembered = fixedTs.get(id);
    if (!remembered) {
      const translate = getFixedT(lng, ns, keyPrefix) as unknown as ((...args: unknown[]) => unknown) & Record<string, unknown>;
      const answers = new Map<string, unknown>();
      const fast = (key: unknown, ...rest: unknown[]) => {
        const answerKey = typeof key === "string" ? keyOfCall(key, rest) : null;
        if (answerKey === null) return translate(key, ...rest);
        let answer = answers.get(answerKey);
        if (answer === undefined) {
          answer = translate(key, ...rest);
          if (answers.size >= 5_000) answers.clear();
          answers.set(answerKey, answer);
        }
        return answer;
      };
      remembered = Object.assign(fast, { lng: translate.lng, lngs: translate.lngs, ns: translate.ns, keyPrefix: translate.keyPrefix }) as unknown as FixedT;
      fixedTs.set(id, remembered);
    }
    return remembered;
  }) as i18n["getFixedT"];
  return instance;
}

export const serverI18n: ServerI18n = {
  instanceFor(language: string) {
    const lng: Language = isLanguage(language) ? language : "vi";
    let instance = instances.get(lng);
    if (!instance) {
      instance = rememberPlainLookups(createI18n(lng, resources[lng]));
      instances.set(lng, instance);
    }
    return instance;
  },
};
