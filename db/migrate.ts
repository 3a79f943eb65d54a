import { migrateToLatest, openDatabase } from "./connection";
import { databasePath } from "./paths";

const path = databasePath();
const { db } = openDatabase(path);
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied to ${path}: ${applied.join(", ")}` : `${path} is up to date.`);
await db.destroy();
