import { type i18n } from "i18next";
import { type ReactElement, createContext, useContext } from "react";
import { useTranslation } from "react-i18next";

/** Server only (entry.server provides it): an element's markup, kept while `data` lives. */
export type MarkupRenderer = (data: object, part: string, i18n: i18n, element: ReactElement) => string;
export const MarkupRendererContext = createContext<MarkupRenderer | null>(null);

/**
 * A part of a page drawn only from `data`, an object kept until the database changes (the city's
 * figures and report): the server renders its markup once per data, part and language and reuses
 * it; the browser renders and hydrates it as usual, from the same components and data, so the
 * markup is the same. Its components are rendered apart from the page: they must not use useId or
 * the router.
 */
export function RenderedOnce({ data, part, children }: { data: object; part: string; children: ReactElement }) {
  const render = useContext(MarkupRendererContext);
  const { i18n } = useTranslation();
  if (render) return <div className="rendered-once" dangerouslySetInnerHTML={{ __html: render(data, part, i18n, children) }} />;
  return <div className="rendered-once">{children}</div>;
}
