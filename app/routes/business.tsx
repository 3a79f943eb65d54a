import { type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireBusinessScope } from "~/utils/auth.server";

// Every page under /business belongs to the signed-in user's own business; each child checks again.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireBusinessScope(request);
  return null;
}

export default function BusinessLayout() {
  return <Outlet />;
}
