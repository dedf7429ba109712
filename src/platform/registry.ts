// The installed modules: the platform's one loop over the manifests (src/platform/modules.ts). Installing a list
// registers component types, merges texts, notice links and flash messages, registers jobs and daily jobs, and
// precomputes the navigation and the home page, once at startup (never per request: the hot path stays as it was).
// Installing the same manifest again is a no-op, so the app, the CLI and tests may each install the list they run.
import type { CliTask, HomeSection, ModuleManifest, NavEntry } from './modules.ts';
import { defineComponentType } from './settings.ts';
import { addTexts } from './i18n/index.ts';
import { jobRegistry } from './jobs.ts';

const installed = new Map<string, ModuleManifest>();
const noticeLinks = new Map<string, (id: number) => string>();
const flash = new Map<string, string>();
let nav: NavEntry[] = [];
let home: HomeSection[] = [];

const byOrder = <X extends { order?: number }>(xs: X[]) =>
  xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.order ?? 500) - (b.x.order ?? 500) || a.i - b.i)
    .map((e) => e.x);

export function installModules(list: readonly ModuleManifest[]): void {
  let changed = false;
  for (const m of list) {
    const prev = installed.get(m.name);
    if (prev === m) continue;
    if (prev) throw new Error(`two modules are named '${m.name}'`);
    installed.set(m.name, m);
    changed = true;
    for (const ct of m.componentTypes ?? []) defineComponentType(ct);
    if (m.texts) addTexts(m.name, m.texts);
    for (const [type, link] of Object.entries(m.noticeLinks ?? {})) {
      if (noticeLinks.has(type)) throw new Error(`module '${m.name}': notices about '${type}' already link elsewhere`);
      noticeLinks.set(type, link);
    }
    for (const [slug, key] of Object.entries(m.flash ?? {})) {
      if (flash.has(slug) && flash.get(slug) !== key)
        throw new Error(`module '${m.name}': flash message '${slug}' is taken`);
      flash.set(slug, key);
    }
    for (const j of m.jobs ?? []) jobRegistry.register(j.kind, j.run, j.options);
    for (const d of m.daily ?? [])
      jobRegistry.registerDaily(d.name, d.run, { at: d.at, transactional: d.transactional });
  }
  if (!changed) return;
  const all = [...installed.values()];
  nav = byOrder(all.flatMap((m) => m.nav ?? []));
  home = byOrder(all.flatMap((m) => m.home ?? []));
}

export const installedModules = (): ModuleManifest[] => [...installed.values()];
/** The main navigation of every installed module, in order. */
export const navigation = (): readonly NavEntry[] => nav;
export const homeSections = (): readonly HomeSection[] => home;
export const cliTasks = (): CliTask[] => installedModules().flatMap((m) => m.cli ?? []);
/** Where a notice about a target type points, when a module declared it. */
export const noticeLinkOf = (targetType: string) => noticeLinks.get(targetType);
/** The text key of a `?msg=` flash message a module declared. */
export const flashKeyOf = (slug: string) => flash.get(slug);
/** Folders of the installed modules' migrations (the platform's own come first; one global order by number). */
export const moduleMigrationDirs = (): URL[] => installedModules().flatMap((m) => (m.migrations ? [m.migrations] : []));
