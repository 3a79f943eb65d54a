import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { fallbackLanguage } from "~/modules/i18n/config";
import { createI18n } from "~/modules/i18n/i18n-client";
import { i18nServer, languageCookie } from "~/modules/i18n/i18next.server";
import { browserTranslations, useServerI18n } from "~/modules/i18n/translations-context";
import { translationsUrl } from "~/modules/i18n/translations.server";
import viCommon from "@content/locales/vi/common.json";
import { getSessionUser } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { readFlash } from "~/utils/session.server";
import { useNonce } from "~/utils/nonce";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages set their own titles; this one is for error pages.
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  return [{ title: data?.brand ?? viCommon.shell.brand }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await i18nServer.getLocale(request);
  const [user, { flash, setCookie }] = await Promise.all([getSessionUser(request), readFlash(request)]);
  const headers = new Headers();
  if (new URL(request.url).searchParams.has("lng")) headers.append("Set-Cookie", await languageCookie.serialize(language));
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data(
    {
      language,
      brand: (await i18nServer.getFixedT(language))("shell.brand"),
      translationsUrl: translationsUrl(language === "en" ? "en" : "vi"),
      user: user && {
        fullName: user.fullName,
        email: user.email,
        role: user.role,
        businessName: user.businessName,
      },
      flash,
      isDemo: env().isDemo,
    },
    { headers },
  );
}

// Translations only change with ?lng=, the user only with a submitted form: skip the rest.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, currentUrl, nextUrl, defaultShouldRevalidate }) =>
  formMethod ? defaultShouldRevalidate : currentUrl.searchParams.get("lng") !== nextUrl.searchParams.get("lng");

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The i18next instance for this page: the server's shared one, or one built from the texts script. */
function usePageI18n(language: string) {
  const server = useServerI18n();
  return useMemo(() => server?.instanceFor(language) ?? createI18n(language, browserTranslations() ?? { common: viCommon }), [server, language]);
}

function Document({ language, translationsSrc, children }: { language: string; translationsSrc?: string; children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* A classic script in the head runs before the deferred app modules that need its texts. */}
        {translationsSrc ? <script src={translationsSrc} nonce={nonce} /> : null}
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { language, translationsUrl: translationsSrc } = useLoaderData<typeof loader>();
  const i18n = usePageI18n(language);
  return (
    <I18nextProvider i18n={i18n}>
      <Document language={language} translationsSrc={translationsSrc}>
        <AppShell>
          <Outlet />
        </AppShell>
      </Document>
    </I18nextProvider>
  );
}

export function ErrorBoundary() {
  const root = useRouteLoaderData<typeof loader>("root");
  const language = root?.language ?? fallbackLanguage;
  const i18n = usePageI18n(language);
  return (
    <I18nextProvider i18n={i18n}>
      <Document language={language} translationsSrc={root?.translationsUrl}>
        <AppShell>
          <ErrorPage />
        </AppShell>
      </Document>
    </I18nextProvider>
  );
}

export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kinds: Record<number, string> = { 400: "badRequest", 403: "forbidden", 404: "notFound", 405: "notFound", 413: "tooLarge" };
  const kind = kinds[status] ?? "server";
  // A refused form (400, 413) is the client's mistake: nothing to log.
  if (kind === "server") console.error(error);
  return (
    <div className="narrow">
      <h1>{t(`errorPage.${kind}.title`)}</h1>
      <p className="lead">{t(`errorPage.${kind}.body`)}</p>
      <p>
        <a href="/">{t("errorPage.home")}</a>
      </p>
    </div>
  );
}
