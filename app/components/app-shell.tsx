import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type loader as rootLoader } from "~/root";

/** `also`: other paths under the same item (the business's profile, sites and members are one item). */
type NavItem = { to: string; label: string; end?: boolean; also?: string[] };

function useNavigation(): NavItem[] {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const { t } = useTranslation();
  const role = root?.user?.role;
  if (role === "business_owner" || role === "business_member") {
    return [
      { to: "/business", label: t("nav.businessHome"), end: true },
      { to: "/business/assessments", label: t("nav.assessments") },
      { to: "/business/instruments", label: t("nav.instruments") },
      { to: "/business/schedule", label: t("nav.schedule") },
      { to: "/business/requests", label: t("nav.requests") },
      { to: "/business/profile", label: t("nav.business"), also: ["/business/sites", "/business/members"] },
    ];
  }
  if (role === "dost_reviewer" || role === "dost_admin") {
    const items: NavItem[] = [
      { to: "/dost/overview", label: t("nav.dostOverview") },
      { to: "/dost", label: t("nav.dostHome"), end: true, also: ["/dost/businesses"] },
      { to: "/dost/requests", label: t("nav.dostRequests") },
      { to: "/dost/activities", label: t("nav.activities") },
      { to: "/dost/report", label: t("nav.report") },
      { to: "/dost/legal/holidays", label: t("nav.holidays") },
      { to: "/dost/legal/units", label: t("nav.adminUnits") },
      // The type pages share the /dost/legal prefix with the holidays: only the list itself lights up.
      { to: "/dost/legal", label: t("nav.legalCatalogue"), end: true },
    ];
    if (role === "dost_admin") {
      items.push({ to: "/dost/providers", label: t("nav.providers") }, { to: "/dost/settings", label: t("nav.settings") });
    }
    if (role === "dost_admin" && root?.isDemo) items.push({ to: "/dev/outbox", label: t("nav.outbox") });
    return items;
  }
  return [];
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const other = i18n.language === "en" ? "vi" : "en";
  const params = new URLSearchParams(location.search);
  params.set("lng", other);
  // A full page load, so the new language's translations come with the document.
  return (
    <a className="lang-switch" href={`${location.pathname}?${params}`} hrefLang={other} lang={other}>
      {t(`language.switchTo.${other}`)}
    </a>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const { t } = useTranslation();
  const nav = useNavigation();
  const location = useLocation();
  const user = root?.user;
  const flash = root?.flash;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={user ? (user.role.startsWith("dost") ? "/dost" : "/business") : "/"} className="brand">
            <span className="brand__mark" aria-hidden="true">
              ĐL
            </span>
            <span className="brand__text">
              <span className="brand__name">{t("shell.brand")}</span>
              <span className="brand__owner">{t("shell.owner")}</span>
            </span>
          </Link>
          <div className="site-header__tools">
            <LanguageSwitch />
            {user ? (
              <details className="account-menu">
                <summary>
                  <span className="account-menu__name">{user.fullName}</span>
                </summary>
                <div className="account-menu__panel">
                  <p className="account-menu__who">
                    {user.email}
                    <br />
                    {t(`roles.${user.role}`)}
                    {user.businessName ? (
                      <>
                        <br />
                        {user.businessName}
                      </>
                    ) : null}
                  </p>
                  <p>
                    <Link to="/account">{t("shell.account")}</Link>
                  </p>
                  <Form method="post" action="/logout">
                    <button type="submit" className="button button--secondary">
                      {t("shell.logout")}
                    </button>
                  </Form>
                </div>
              </details>
            ) : (
              <nav aria-label={t("shell.accountNav")} className="guest-links">
                <Link to="/login">{t("shell.login")}</Link>
                <Link to="/signup" className="button button--small">
                  {t("shell.signup")}
                </Link>
              </nav>
            )}
          </div>
        </div>
        {nav.length ? (
          <nav className="main-nav" aria-label={t("shell.mainNav")}>
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.end}
                    prefetch="intent"
                    className={({ isActive }) => (isActive || item.also?.some((path) => location.pathname.startsWith(path)) ? "active" : "")}
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {flash ? (
          <div className={`flash flash--${flash.kind}`} role="status">
            {t(flash.message, flash.values)}
          </div>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{t("shell.footerAbout")}</p>
          <p>
            <Link to="/providers">{t("shell.providers")}</Link> · <Link to="/legal">{t("shell.legal")}</Link>
          </p>
          <p>{t("shell.footerDisclaimer")}</p>
        </div>
      </footer>
    </>
  );
}
