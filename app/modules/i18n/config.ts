export const supportedLanguages = ["vi", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "vi";
export const namespaces = ["common", "accounts", "assessments", "programme", "instruments", "imports", "reminders", "dost", "requests", "review", "providers", "activities", "reports", "catalogue"] as const;
export const defaultNamespace = "common";

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language);
}
