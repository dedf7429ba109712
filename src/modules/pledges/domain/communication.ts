// 구민소통 관리카드 (seed 004): communication records per pledge, their automatic totals,
// and activity on Madang linked to a pledge (a survey, a debate, a briefing) that counts by
// itself without anyone filling in the card.
import { z } from 'zod';
import { IsoDate } from './model.ts';
import type { PledgeSettings } from './settings.ts';

export const SITE_VISIT = 'site-visit';

const Photo = z.object({ src: z.string().min(1), alt: z.string().min(1) });

export const CommunicationEntry = z.object({
  id: z.string().min(1),
  pledgeId: z.string().min(1),
  /** A communication type id from settings, or 'site-visit' (구청장 현장방문). */
  type: z.string().min(1),
  /** 일시 */
  date: IsoDate,
  /** Time or period as printed ('14:00~16:00'), optional. */
  time: z.string().optional(),
  /** 장소 */
  place: z.string().optional(),
  /** 대상 */
  audience: z.string().optional(),
  title: z.string().optional(),
  /** 내용 */
  content: z.string().optional(),
  /** 언론사명 for press entries. */
  mediaName: z.string().optional(),
  photos: z.array(Photo).default([]),
});
export type CommunicationEntry = z.infer<typeof CommunicationEntry>;

/**
 * An activity on Madang linked to a pledge; it is counted, never copied into the card. A live link (a component or
 * a proposal) carries counts computed from Madang's own tables when the card is shown; a link without them (made by
 * hand before live links existed) counts once.
 */
export interface LinkedActivity {
  id: string;
  pledgeId: string;
  /** 'survey', 'poll', 'vote', 'debate', 'briefing', 'hearing', 'proposal', … (settings map kinds to types). */
  kind: string;
  title: string;
  /** First day anything happened there (or the day of the link). */
  date: string;
  /** Last day anything happened there. */
  lastDate?: string;
  url?: string;
  live?: boolean;
  /** Proposals (or debates, surveys …) in it: each is one 회 on the card. */
  activities?: number;
  /** Distinct persons among authors, supporters and commenters. */
  participants?: number;
  supports?: number;
  comments?: number;
}

/** How many times a linked activity counts on the card: its live activities, or once for a hand-made link. */
export const linkedCount = (a: LinkedActivity) => a.activities ?? 1;

export interface CommunicationTotals {
  pledgeId: string;
  byType: { typeId: string; label: string; cardLabel: string; recorded: number; linked: number; total: number }[];
  /** 구청장 현장방문, kept out of the 총괄 row as in the seed. */
  siteVisits: number;
  /** Linked activities whose kind maps to no type; reported so nothing is silently dropped. */
  unmapped: LinkedActivity[];
}

export function checkEntry(
  e: CommunicationEntry,
  settings: PledgeSettings,
): { ok: true } | { ok: false; reason: { ko: string; en: string } } {
  if (e.type !== SITE_VISIT && !settings.communicationTypes.some((t) => t.id === e.type)) {
    return { ok: false, reason: { ko: `없는 소통 유형: ${e.type}`, en: `unknown communication type: ${e.type}` } };
  }
  return { ok: true };
}

/** The 구민소통 총괄 row, counted from the records plus linked activities. */
export function communicationTotals(
  pledgeId: string,
  entries: CommunicationEntry[],
  linked: LinkedActivity[],
  settings: PledgeSettings,
): CommunicationTotals {
  const mine = entries.filter((e) => e.pledgeId === pledgeId);
  const links = linked.filter((a) => a.pledgeId === pledgeId);
  const typeOf = (a: LinkedActivity) => settings.linkedActivityTypes[a.kind];
  return {
    pledgeId,
    byType: settings.communicationTypes.map((t) => {
      const recorded = mine.filter((e) => e.type === t.id).length;
      const l = links.filter((a) => typeOf(a) === t.id).reduce((n, a) => n + linkedCount(a), 0);
      return { typeId: t.id, label: t.label, cardLabel: t.cardLabel, recorded, linked: l, total: recorded + l };
    }),
    siteVisits: mine.filter((e) => e.type === SITE_VISIT).length,
    unmapped: links.filter((a) => !typeOf(a)),
  };
}
