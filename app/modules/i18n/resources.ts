import enAccounts from "@content/locales/en/accounts.json";
import enAssessments from "@content/locales/en/assessments.json";
import enCommon from "@content/locales/en/common.json";
import enDost from "@content/locales/en/dost.json";
import enProgramme from "@content/locales/en/programme.json";
import viAccounts from "@content/locales/vi/accounts.json";
import viAssessments from "@content/locales/vi/assessments.json";
import viCommon from "@content/locales/vi/common.json";
import viDost from "@content/locales/vi/dost.json";
import viProgramme from "@content/locales/vi/programme.json";
import { type Language } from "./config";

export type Resources = Record<string, Record<string, unknown>>;

export const resources: Record<Language, Resources> = {
  vi: { common: viCommon, accounts: viAccounts, assessments: viAssessments, programme: viProgramme, dost: viDost },
  en: { common: enCommon, accounts: enAccounts, assessments: enAssessments, programme: enProgramme, dost: enDost },
};
