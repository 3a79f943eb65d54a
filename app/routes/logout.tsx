import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { destroySession } from "~/utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

// Logging out changes state, so it is a POST only; a visit to /logout just goes home.
export function loader() {
  return redirect("/");
}
