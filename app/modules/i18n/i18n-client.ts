import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { defaultNamespace, namespaces } from "./config";
import { type Resources } from "./resources";

/** Built synchronously from the root loader's data, the same way on the server and in the browser. */
export function createI18n(language: string, translations: Resources): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources: { [language]: translations },
    interpolation: { escapeValue: false },
    initImmediate: false,
    react: { useSuspense: false },
  });
  return instance;
}
