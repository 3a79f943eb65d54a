import { type LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/modules/i18n/config";
import { translationsScript, translationsVersion } from "~/modules/i18n/translations.server";

// /locales/vi-<version>.js: the interface texts of one language, cached by the browser for a year.
export function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-z]{2})-([0-9a-f]{12})\.js$/.exec(params.file ?? "");
  const language = match?.[1];
  if (!match || !isLanguage(language)) return new Response("Not found", { status: 404 });
  const current = match[2] === translationsVersion;
  return new Response(translationsScript(language), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      // An old version's address still answers (with today's texts) but is not kept.
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
