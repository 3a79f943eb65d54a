import { type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireDostScope } from "~/utils/auth.server";

// Business users get 404 here, not a hint that the page exists; each child checks again.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireDostScope(request);
  return null;
}

export default function DostLayout() {
  return <Outlet />;
}
