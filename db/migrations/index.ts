import { type Migration, type MigrationProvider } from "kysely";
import * as m0001 from "./0001_accounts";
import * as m0002 from "./0002_assessments";
import * as m0003 from "./0003_instruments";
import * as m0004 from "./0004_requests";
import * as m0005 from "./0005_dost";
import * as m0006 from "./0006_user_role_index";

// A static list, not a folder scan: the built server and the scripts run the same migrations.
const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_assessments": m0002,
  "0003_instruments": m0003,
  "0004_requests": m0004,
  "0005_dost": m0005,
  "0006_user_role_index": m0006,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
