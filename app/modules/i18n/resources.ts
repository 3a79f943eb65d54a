import enAccounts from "@content/locales/en/accounts.json";
import enAssessments from "@content/locales/en/assessments.json";
import enCommon from "@content/locales/en/common.json";
import enDost from "@content/locales/en/dost.json";
import enImports from "@content/locales/en/imports.json";
import enInstruments from "@content/locales/en/instruments.json";
import enProgramme from "@content/locales/en/programme.json";
import enReminders from "@content/locales/en/reminders.json";
import enRequests from "@content/locales/en/requests.json";
import enReview from "@content/locales/en/review.json";
import enProviders from "@content/locales/en/providers.json";
import enActivities from "@content/locales/en/activities.json";
import enReports from "@content/locales/en/reports.json";
import enCatalogue from "@content/locales/en/catalogue.json";
import viAccounts from "@content/locales/vi/accounts.json";
import viAssessments from "@content/locales/vi/assessments.json";
import viCommon from "@content/locales/vi/common.json";
import viDost from "@content/locales/vi/dost.json";
import viImports from "@content/locales/vi/imports.json";
import viInstruments from "@content/locales/vi/instruments.json";
import viProgramme from "@content/locales/vi/programme.json";
import viReminders from "@content/locales/vi/reminders.json";
import viRequests from "@content/locales/vi/requests.json";
import viReview from "@content/locales/vi/review.json";
import viProviders from "@content/locales/vi/providers.json";
import viActivities from "@content/locales/vi/activities.json";
import viReports from "@content/locales/vi/reports.json";
import viCatalogue from "@content/locales/vi/catalogue.json";
import { type Language } from "./config";

export type Resources = Record<string, Record<string, unknown>>;

export const resources: Record<Language, Resources> = {
  vi: { accounts: viAccounts, assessments: viAssessments, common: viCommon, dost: viDost, imports: viImports, instruments: viInstruments, programme: viProgramme, reminders: viReminders, requests: viRequests, review: viReview, providers: viProviders, activities: viActivities, reports: viReports, catalogue: viCatalogue },
  en: { accounts: enAccounts, assessments: enAssessments, common: enCommon, dost: enDost, imports: enImports, instruments: enInstruments, programme: enProgramme, reminders: enReminders, requests: enRequests, review: enReview, providers: enProviders, activities: enActivities, reports: enReports, catalogue: enCatalogue },
};
