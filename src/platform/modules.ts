// The module contract: a capability of Madang (proposals, pledges, debates, surveys …) is one folder under
// src/modules with a manifest.ts that default-exports defineModule({...}). The manifest is the single registration
// point: src/modules/index.ts lists the manifests and the platform loops over them for routes, navigation, texts,
// notice links, jobs, CLI tasks, the demo seed, migrations and the home page. Nothing in src/platform names a module.
//
// Later capabilities (monthly report, open data, API, 맞춤정보 feed, cross-module participation counts) are declared
// here too, so a module written today already has the place to put them.
import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { AppEnv, Platform } from './context.ts';
import type { Database } from './db.ts';
import type { Actor } from './permissions.ts';
import type { ComponentType, Bilingual } from './settings.ts';
import type { DailyHandler, JobHandler, HandlerOptions } from './jobs.ts';

/** A link in the site's main navigation; shown only to those `visible` admits (the module's permission table). */
export interface NavEntry {
  href: string;
  /** A key of the module's texts, or the words in both languages. */
  label: string | Bilingual;
  /** Default: everyone. Build it from the module's permissions.ts, never from ad-hoc role checks. */
  visible?: (actor: Actor | null) => boolean;
  /** Lower comes first; the platform's own entries use 0 and 1000. */
  order?: number;
}

/** A `madang <name>` task. `needsDatabase` tasks get the running platform; the others run without one. */
export interface CliTask {
  name: string;
  /** One line (or a few) for `madang --help`: usage first, then what it does. */
  help: string;
  needsDatabase: boolean;
  run(args: string[], p: Platform | null): Promise<number>;
}

/** A section of the home page, rendered in `order`. */
export interface HomeSection {
  order?: number;
  render(c: Context<AppEnv>): Promise<Child> | Child;
}

/** A number for the monthly operation report (매월 운영 현황), counted for [from, to). */
interface ReportStatistic {
  key: string;
  label: Bilingual;
  count(db: Database, range: { from: Date; to: Date }): Promise<number>;
}

/** A public dataset (open data, 공공데이터포털 file data): rows without personal data, with a data dictionary. */
interface OpenDataset {
  id: string;
  title: Bilingual;
  columns: { key: string; label: Bilingual; type: 'text' | 'number' | 'date' | 'boolean' }[];
  rows(db: Database): AsyncIterable<Record<string, unknown>> | Promise<Record<string, unknown>[]>;
}

/** An item a module offers the personalised feed (맞춤정보); the feed never reads the module's tables. */
interface FeedItem {
  key: string;
  title: string;
  path: string;
  publishedAt: Date;
  topics?: string[];
  areas?: string[];
}

/**
 * How much participation a module's resource has had (for another module to show, e.g. a pledge's communication
 * card counting a linked survey or debate). `ref` is the resource's path, e.g. /proposals/12.
 */
export interface ParticipationCounts {
  /** Distinct persons who took part (authors, commenters, those who acted). */
  participants: number;
  /** Countable acts (supports, votes …). */
  acts: number;
  comments: number;
  /** Public items in it (proposals on a board; 1 for one proposal). */
  items?: number;
  /** The resource's title, when `ref` names one item. */
  title?: string;
  /** When anything first and last happened there. */
  first?: Date | null;
  last?: Date | null;
}

/** What the platform's demo seed made before the modules seed theirs: the demo people and departments by key. */
export interface SeedContext {
  secret: string;
  people: ReadonlyMap<string, { id: number; person_key: string }>;
  departments: ReadonlyMap<string, number>;
}

export interface ModuleManifest {
  /** Folder name and key: 'proposals', 'pledges' … */
  name: string;
  title: Bilingual;
  /** Component types a space can hold (each with its zod settings schema → the generated admin form). */
  componentTypes?: ComponentType[];
  /** The module's routes: a Hono sub-app mounted at '/' (paths are the module's own, e.g. /proposals/:id). */
  routes?: () => Hono<AppEnv>;
  nav?: NavEntry[];
  home?: HomeSection[];
  /** ko and en catalogs, the same keys in both (checked by a test); merged into the site's catalog. */
  texts?: { ko: Record<string, string>; en: Record<string, string> };
  /**
   * Flash messages after a redirect: `?msg=<slug>` shows the text of `key` (a key of this module's texts). Only
   * declared slugs are shown, so the parameter cannot inject text.
   */
  flash?: Record<string, string>;
  /** Where a notice about one of this module's targets points, by target type: { proposal: (id) => `/proposals/${id}` }. */
  noticeLinks?: Record<string, (id: number) => string>;
  /** Folder of this module's numbered migrations (NNN_name.sql); all modules' run in one global order by number. */
  migrations?: URL;
  jobs?: { kind: string; run: JobHandler; options?: HandlerOptions }[];
  daily?: { name: string; run: DailyHandler; at?: string; transactional?: boolean }[];
  cli?: CliTask[];
  /** Seeds the demo city's part of this module; runs once, on an empty database, in the order of src/modules/index.ts. */
  seed?: (db: Database, ctx: SeedContext) => Promise<void>;
  reportStatistics?: ReportStatistic[];
  openData?: OpenDataset[];
  feed?: (db: Database, since: Date) => Promise<FeedItem[]>;
  /** Participation in one of this module's resources, for another module to show; null when `ref` is not its own. */
  participation?: (db: Database, ref: string) => Promise<ParticipationCounts | null>;
}

export function defineModule(m: ModuleManifest): ModuleManifest {
  if (!/^[a-z][a-z0-9-]*$/.test(m.name)) throw new Error(`module name must be lower-case words: ${m.name}`);
  return m;
}
