/**
 * The web app's one i18n convention (issue 11): Vietnamese is the default language, English the second; the choice is
 * held by <I18nProvider> and sent to the API as Accept-Language.
 * - The app catalog, `vi.ts` + `en.ts` here (`useT()`), holds the shell and the core screens (cases, reports, agencies).
 * - A feature module keeps its messages next to it in `modules/<m>/i18n.ts`: a `vi` object (the default, and the
 *   key type), `en: Record<keyof typeof vi, string>`, keys with the module's prefix, and a hook made with
 *   `useModuleT(vi, en)` below — the module's key in the current language, else the app catalog's.
 * Placeholders are `{name}`; a parameter not given stays as written.
 */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { vi } from './vi.ts';
import type { MessageKey } from './vi.ts';
import { en } from './en.ts';
import { setApiLanguage } from '../http.ts';

export type Lang = 'vi' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogs: Record<Lang, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'danvan.lang';

function initialLang(): Lang {
  let lang: Lang = 'vi';
  try {
    if (localStorage.getItem(STORAGE_KEY) === 'en') lang = 'en';
  } catch {
    // No storage: Vietnamese, the default.
  }
  setApiLanguage(lang);
  return lang;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(vi, key);
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    setApiLanguage(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode may forbid storage; the choice then lasts for this page only.
    }
    document.documentElement.lang = next;
  }, []);

  const t = useCallback<Translate>(
    (key, params) => {
      const template = catalogs[lang][key];
      if (!params) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        Object.hasOwn(params, name) ? String(params[name]) : whole,
      );
    },
    [lang],
  );

  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

/** Fills `{name}` placeholders; a parameter not given stays as written. */
export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

export type ModuleT<K extends string> = (key: K | MessageKey, params?: Record<string, string | number>) => string;

/** A feature module's translator (see the convention above): its own dictionary first, then the app catalog. */
export function useModuleT<K extends string>(viDict: Record<K, string>, enDict: Record<K, string>): { mt: ModuleT<K>; lang: Lang } {
  const { lang, t } = useI18n();
  const mt = useCallback<ModuleT<K>>(
    (key, params) => (Object.hasOwn(viDict, key) ? fill((lang === 'en' ? enDict : viDict)[key as K], params) : t(key as MessageKey, params)),
    [lang, t, viDict, enDict],
  );
  return { mt, lang };
}
