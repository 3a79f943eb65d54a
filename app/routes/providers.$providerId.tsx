import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProviderFacts, ProviderTags } from "~/components/provider-parts";
import { vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { getProvider, providerView } from "~/modules/providers/providers.server";
import { notFound } from "~/utils/auth.server";
import { idParam } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Public, like the directory; an unlisted provider answers 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.providerId);
  const provider = id ? await getProvider(id) : undefined;
  if (!provider) throw notFound();
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "providers");
  return {
    title: `${provider.name} — ${t("directory.title")} — ${t("common:shell.brand")}`,
    provider: providerView(provider, language, vietnamDay(), await legalCatalogue()),
  };
}

export default function ProviderPage() {
  const { t } = useTranslation("providers");
  const { provider } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <p>
        <Link to="/providers" className="back-link">
          {t("directory.back")}
        </Link>
      </p>
      <h1>{provider.name}</h1>
      <ProviderTags provider={provider} />
      <ProviderFacts provider={provider} />
      <p className="field__hint">{t("directory.disclaimer")}</p>
    </div>
  );
}
