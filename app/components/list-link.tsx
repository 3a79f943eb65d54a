import { Link } from "@remix-run/react";
import { type ReactNode } from "react";

const onServer = typeof document === "undefined";

/**
 * A link in a long table, to a path of this site ("/business/instruments/12"). On the server a
 * router Link resolves its path against the route tree, which costs more than the rest of the row;
 * the server writes the same anchor directly, and in the browser it is a Link as usual (the markup
 * is identical, so hydration does not notice).
 */
export function ListLink({ to, className, children }: { to: `/${string}`; className?: string; children: ReactNode }) {
  if (onServer) {
    return (
      <a href={to} className={className} data-discover="true">
        {children}
      </a>
    );
  }
  return (
    <Link to={to} className={className}>
      {children}
    </Link>
  );
}
