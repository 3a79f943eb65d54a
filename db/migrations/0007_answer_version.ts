import { type Kysely } from "kysely";

// Two members may answer the same self-assessment item from pages loaded at different times. Each
// answer carries a version, raised on every write: a save names the version it was loaded with and
// is refused for an item someone else has saved since, instead of silently erasing their answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("assessment_answer")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("assessment_answer").dropColumn("version").execute();
}
