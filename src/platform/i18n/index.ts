// Message lookup with {name} placeholders. Korean is the default; a cookie or ?lang= picks English.
import { ko, type MessageKey } from './ko.ts';
import { en } from './en.ts';

export type Lang = 'ko' | 'en';
export type { MessageKey };
const catalogs: Record<Lang, Record<MessageKey, string>> = { ko, en };

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogs[lang][key] ?? catalogs.ko[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : text;
}
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
export const translator = (lang: Lang): T => (key, vars) => translate(lang, key, vars);
export const catalogKeys = () => Object.keys(ko) as MessageKey[];
export const catalogOf = (lang: Lang) => catalogs[lang];
