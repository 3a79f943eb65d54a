import { type Migration, type MigrationProvider } from "kysely";
import * as m0001 from "./0001_accounts";

// A static list, not a folder scan: the built server and the scripts run the same migrations.
const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
