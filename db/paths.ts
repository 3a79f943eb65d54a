import { resolve } from "node:path";

export const DEMO_DATABASE_PATH = "data/demo.db";

export function databasePath(): string {
  return resolve(process.env.DATABASE_PATH ?? "data/app.db");
}
