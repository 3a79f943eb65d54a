import enAccounts from "@content/locales/en/accounts.json";
import enCommon from "@content/locales/en/common.json";
import enDost from "@content/locales/en/dost.json";
import viAccounts from "@content/locales/vi/accounts.json";
import viCommon from "@content/locales/vi/common.json";
import viDost from "@content/locales/vi/dost.json";
import { type Language } from "./config";

export type Resources = Record<string, Record<string, unknown>>;

export const resources: Record<Language, Resources> = {
  vi: { common: viCommon, accounts: viAccounts, dost: viDost },
  en: { common: enCommon, accounts: enAccounts, dost: enDost },
};
