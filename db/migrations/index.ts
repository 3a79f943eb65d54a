import { type Migration, type MigrationProvider } from "kysely";
import * as m0001 from "./0001_accounts";
import * as m0002 from "./0002_assessments";
import * as m0003 from "./0003_instruments";
import * as m0004 from "./0004_requests";
import * as m0005 from "./0005_dost";
import * as m0006 from "./0006_user_role_index";
import * as m0007 from "./0007_answer_version";
import * as m0008 from "./0008_signup_requests";
import * as m0009 from "./0009_background_jobs";
import * as m0010 from "./0010_legal_catalogue";
import * as m0011 from "./0011_holiday_calendar";
import * as m0012 from "./0012_admin_units";

// A static list, not a folder scan: the built server and the scripts run the same migrations.
const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_assessments": m0002,
  "0003_instruments": m0003,
  "0004_requests": m0004,
  "0005_dost": m0005,
  "0006_user_role_index": m0006,
  "0007_answer_version": m0007,
  "0008_signup_requests": m0008,
  "0009_background_jobs": m0009,
  "0010_legal_catalogue": m0010,
  "0011_holiday_calendar": m0011,
  "0012_admin_units": m0012,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
