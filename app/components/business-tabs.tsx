import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The business's profile, sites and members: one item in the main navigation, three tabs here. */
export function BusinessTabs() {
  const { t } = useTranslation();
  return (
    <nav className="sub-nav" aria-label={t("nav.business")}>
      <ul>
        <li>
          <NavLink to="/business/profile">{t("nav.profile")}</NavLink>
        </li>
        <li>
          <NavLink to="/business/sites">{t("nav.sites")}</NavLink>
        </li>
        <li>
          <NavLink to="/business/members">{t("nav.members")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
