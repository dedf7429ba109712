// Message lookup with {name} placeholders. Korean is the default; a cookie or ?lang= picks English.
// The platform's catalog (ko.ts, en.ts) is merged at startup with every installed module's texts (registry.ts);
// a module reads its own keys through a typed view of the same translator (defineTexts).
import { ko, type MessageKey as PlatformKey } from './ko.ts';
import { en } from './en.ts';

export type Lang = 'ko' | 'en';
/**
 * Keys of the installed modules' texts, added by each module's texts.ts through declaration merging
 * (`declare module '…/platform/i18n/index.ts' { interface ModuleMessages extends Record<keyof typeof ko, string> {} }`),
 * so the request's translator accepts them without the platform naming any.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' declaration merging
export interface ModuleMessages {}
export type MessageKey = PlatformKey | Extract<keyof ModuleMessages, string>;
type Vars = Record<string, string | number>;
const catalogs: Record<Lang, Record<string, string>> = { ko: { ...ko }, en: { ...en } };

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = catalogs[lang][key] ?? catalogs.ko[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : text;
}
export type T = (key: MessageKey, vars?: Vars) => string;
export const translator =
  (lang: Lang): T =>
  (key, vars) =>
    translate(lang, key, vars);
export const catalogKeys = () => Object.keys(catalogs.ko) as MessageKey[];
export const catalogOf = (lang: Lang) => catalogs[lang] as Record<MessageKey, string>;

/** Adds a module's catalog; a key already there with another text is a mistake (two owners of one message). */
export function addTexts(owner: string, texts: { ko: Record<string, string>; en: Record<string, string> }): void {
  for (const lang of ['ko', 'en'] as const) {
    for (const [key, text] of Object.entries(texts[lang])) {
      const had = catalogs[lang][key];
      if (had !== undefined && had !== text) throw new Error(`text '${key}' of module '${owner}' is already defined`);
      catalogs[lang][key] = text;
    }
  }
}

/** A translator for one module's own keys (or the platform's `T` viewed with them). */
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/**
 * A module's catalogs: Korean first; English must have exactly the same keys (the type checker holds it, a test
 * checks placeholders). `of(t)` is the request's translator typed for these keys: the same function, no cost.
 */
export function defineTexts<const K extends string>(ko: Record<K, string>, en: NoInfer<Record<K, string>>) {
  return { ko, en, of: (t: T | Translate<string>) => t as unknown as Translate<K> };
}
