import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { ProviderFacts, ProviderTags } from "~/components/provider-parts";
import { formatNumber, vietnamDay } from "~/modules/i18n/format";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { legalCatalogue } from "~/modules/legal/catalogue.server";
import { listProviders, providerView } from "~/modules/providers/providers.server";
import { PROVIDER_KINDS, type ProviderKindValue } from "~/modules/providers/schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

// Public: no login. Only active providers; an unknown filter value is ignored, not an error.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const kindParam = url.searchParams.get("kind") ?? "";
  const kind = (PROVIDER_KINDS as readonly string[]).includes(kindParam) ? (kindParam as ProviderKindValue) : null;
  const typeParam = url.searchParams.get("type") ?? "";
  const catalogue = await legalCatalogue();
  const typeId = catalogue.type(typeParam) ? typeParam : null;
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "providers");
  const today = vietnamDay();
  const providers = await listProviders({ kind, typeId, query });
  const options = catalogue.typeOptions(language);
  const typeGroups = [2, 1].map((group) => ({ group, options: options.filter((o) => o.group === group).map(({ value, label }) => ({ value, label })) }));
  return {
    title: `${t("directory.title")} — ${t("common:shell.brand")}`,
    description: t("directory.lead"),
    query,
    kind,
    typeId,
    typeLabel: typeId ? catalogue.typeName(typeId, language) : null,
    typeGroups,
    providers: providers.map((p) => providerView(p, language, today, catalogue)),
  };
}

export default function ProvidersDirectory() {
  const { t, i18n } = useTranslation("providers");
  const { query, kind, typeId, typeLabel, typeGroups, providers } = useLoaderData<typeof loader>();
  const filtered = Boolean(query || kind || typeId);
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p className="lead">{t("directory.lead")}</p>
      <p className="field__hint">{t("directory.disclaimer")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("directory.searchLabel")}>
        <div className="field">
          <label htmlFor="q">{t("directory.search")}</label>
          <input id="q" name="q" type="search" className="input" defaultValue={query} />
        </div>
        <FilterSelect
          name="kind"
          label={t("directory.kind")}
          allLabel={t("directory.allKinds")}
          options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={kind ?? ""}
        />
        <div className="field">
          <label htmlFor="type">{t("directory.type")}</label>
          <select id="type" name="type" className="input" defaultValue={typeId ?? ""}>
            <option value="">{t("directory.allTypes")}</option>
            {typeGroups.map(({ group, options }) => (
              <optgroup key={group} label={t(`instruments:group.${group}`)}>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("directory.filter")}
        </button>
        {filtered ? <Link to="/providers">{t("directory.clear")}</Link> : null}
      </Form>
      <p className="meta-line" aria-live="polite">
        {t("directory.count", { count: providers.length, formatted: formatNumber(providers.length, i18n.language) })}
        {typeLabel ? ` · ${t("directory.forType", { type: typeLabel })}` : ""}
      </p>
      {providers.length ? (
        <ul className="task-list" aria-label={t("directory.listLabel")}>
          {providers.map((p) => (
            <li key={p.id} className="task-list__item">
              <article aria-labelledby={`provider-${p.id}`}>
                <h2 id={`provider-${p.id}`}>
                  <Link to={`/providers/${p.id}`}>{p.name}</Link>
                </h2>
                <ProviderTags provider={p} />
                <ProviderFacts provider={p} highlightType={typeId} />
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <div className="empty-state">
          <p>{filtered ? t("directory.noMatch") : t("directory.empty")}</p>
        </div>
      )}
    </>
  );
}
