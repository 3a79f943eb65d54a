import { sql } from "kysely";
import { db } from "~/utils/db.server";

export async function loader() {
  try {
    await sql`select 1`.execute(db());
    return new Response("ok", { status: 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[healthz] database unreachable", error);
    return new Response("database unreachable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
