import { type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { type i18n } from "i18next";
import { type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { type MarkupRenderer, MarkupRendererContext } from "./components/rendered-once";
import { ServerI18nContext } from "./modules/i18n/translations-context";
import { serverI18n } from "./modules/i18n/translations.server";
import { NonceContext } from "./utils/nonce";

const markupByData = new WeakMap<object, Map<string, string>>();

/** For RenderedOnce: a part's markup per data object (gone with it), part and language. */
const renderOnce: MarkupRenderer = (data: object, part: string, instance: i18n, element: ReactElement) => {
  const render = () => renderToString(<I18nextProvider i18n={instance}>{element}</I18nextProvider>);
  // In development the components change under a running server: never reuse their markup there.
  if (process.env.NODE_ENV !== "production") return render();
  let parts = markupByData.get(data);
  if (!parts) {
    parts = new Map();
    markupByData.set(data, parts);
  }
  const key = `${instance.language}|${part}`;
  let markup = parts.get(key);
  if (markup === undefined) {
    markup = render();
    parts.set(key, markup);
  }
  return markup;
};

type HandoffChunk = { result: { done: boolean; value: string } };

/**
 * Remix writes the loaders' data into the page from a stream it reads while React renders, which
 * forces a streaming render. Every loader has finished before the page renders (nothing is
 * deferred), so the stream is read to its end first, in the form Remix keeps what it has read,
 * and the page renders in one synchronous pass to a single string.
 */
async function readHandoffFirst(context: EntryContext): Promise<void> {
  const stream = context.serverHandoffStream;
  if (!stream || !context.renderMeta) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const chunks: Record<number, HandoffChunk> = {};
  for (let index = 0; ; index++) {
    const { done, value } = await reader.read();
    chunks[index] = { result: { done, value: decoder.decode(value, { stream: !done }) } };
    if (done) break;
  }
  reader.releaseLock();
  (context.renderMeta as { streamCache?: Record<number, HandoffChunk> }).streamCache = chunks;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  await readHandoffFirst(remixContext);
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <ServerI18nContext.Provider value={serverI18n}>
        <MarkupRendererContext.Provider value={renderOnce}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </MarkupRendererContext.Provider>
      </ServerI18nContext.Provider>
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Bytes, not a string: a string body is first scanned for lone surrogates, then encoded in JS.
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`), { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
