import { type i18n } from "i18next";
import { createContext, useContext } from "react";
import { type Resources } from "./resources";

/**
 * On the server, entry.server provides one ready i18next instance per language (the texts never
 * change while it runs); in the browser there is none, and the texts come from the cacheable
 * script /locales/<language>-<version>.js instead of being repeated inside every page.
 */
export type ServerI18n = { instanceFor(language: string): i18n };
export const ServerI18nContext = createContext<ServerI18n | null>(null);
export const useServerI18n = () => useContext(ServerI18nContext);

declare global {
  interface Window {
    __portalTranslations?: Resources;
  }
}

export function browserTranslations(): Resources | undefined {
  return typeof window === "undefined" ? undefined : window.__portalTranslations;
}
