import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { homePath } from "~/modules/accounts/permissions";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getSessionUser } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const t = await i18nServer.getFixedT(request);
  return {
    home: user ? homePath(user.role) : null,
    title: `${t("shell.brand")} — ${t("shell.owner")}`,
    description: t("landing.lead"),
  };
}

export default function Landing() {
  const { t } = useTranslation();
  const { home } = useLoaderData<typeof loader>();
  const steps = ["assess", "register", "support", "report"] as const;
  return (
    <>
      <section className="hero">
        <h1>{t("landing.title")}</h1>
        <p className="lead">{t("landing.lead")}</p>
        <p className="hero__actions">
          {home ? (
            <Link to={home} className="button">
              {t("landing.toWorkspace")}
            </Link>
          ) : (
            <>
              <Link to="/signup" className="button">
                {t("landing.signup")}
              </Link>
              <Link to="/login" className="button button--secondary">
                {t("landing.login")}
              </Link>
            </>
          )}
        </p>
      </section>
      <section aria-labelledby="how-title">
        <h2 id="how-title">{t("landing.howTitle")}</h2>
        <ol className="cards">
          {steps.map((step) => (
            <li key={step} className="card">
              <h3>{t(`landing.steps.${step}.title`)}</h3>
              <p>{t(`landing.steps.${step}.body`)}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="why-title" className="narrow">
        <h2 id="why-title">{t("landing.whyTitle")}</h2>
        <p>{t("landing.whyBody")}</p>
        <p className="field__hint">{t("landing.basis")}</p>
      </section>
    </>
  );
}
