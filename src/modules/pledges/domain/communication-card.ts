// The 매니페스토 구민소통 관리카드 of seed 004 as a report model:
// 【구민소통 총괄】 (counts in 회), the entries table (설명회 / 설문조사 / 전문가 자문),
// 언론/방송 보도 scraps, and 【구청장 현장방문】 photos.
import { span, type Report, type TableRow } from '../../../platform/reports/model.ts';
import {
  communicationTotals,
  linkedCount,
  SITE_VISIT,
  type CommunicationEntry,
  type LinkedActivity,
} from './communication.ts';
import type { PledgeSettings } from './settings.ts';
import type { Pledge } from './model.ts';
import { koDate } from './format.ts';

const monthDay = (iso: string) => `${Number(iso.slice(5, 7))}월 ${Number(iso.slice(8, 10))}일`;

export function buildCommunicationCard(
  pledges: Pick<Pledge, 'id' | 'title'>[],
  entries: CommunicationEntry[],
  linked: LinkedActivity[],
  settings: PledgeSettings,
): Report {
  const types = settings.communicationTypes;
  const totals = pledges.map((p) => ({ p, t: communicationTotals(p.id, entries, linked, settings) }));
  const summary: TableRow[] = totals.map(({ p, t }) => ({ cells: [p.title, ...t.byType.map((x) => `${x.total}회`)] }));
  const ids = new Set(pledges.map((p) => p.id));
  const mine = entries.filter((e) => ids.has(e.pledgeId)).sort((a, b) => a.date.localeCompare(b.date));
  const label = (typeId: string) => types.find((t) => t.id === typeId)?.shortLabel ?? typeId;
  const detail = mine.filter((e) => e.type !== 'press' && e.type !== SITE_VISIT);
  const press = mine.filter((e) => e.type === 'press');
  const visits = mine.filter((e) => e.type === SITE_VISIT);
  // Linked Madang activities are listed too, so the counted number can be checked line by line.
  const mineLinked = linked.filter((a) => ids.has(a.pledgeId));
  const linkedRows = mineLinked.filter(
    (a) => settings.linkedActivityTypes[a.kind] && settings.linkedActivityTypes[a.kind] !== 'press',
  );
  const titleOf = new Map(pledges.map((p) => [p.id, p.title]));
  const period = (a: LinkedActivity) =>
    a.lastDate && a.lastDate !== a.date ? `${koDate(a.date)} ~ ${koDate(a.lastDate)}` : koDate(a.date);
  const counts = (a: LinkedActivity) =>
    a.live ? ` (활동 ${a.activities}건, 공감 ${a.supports ?? 0}, 댓글 ${a.comments ?? 0})` : '';
  return {
    kind: 'communication-card',
    title: '매니페스토 구민소통 관리카드',
    meta: [{ label: '작성범위', value: `${settings.programName} 전체 실적` }],
    sections: [
      {
        id: 'summary',
        heading: '【구민소통 총괄】',
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'communication-summary',
              title: '구민소통 총괄',
              head: [
                { cells: [span('공약명', 1, 2), span('구민소통 총괄', types.length)] },
                { cells: types.map((t) => t.cardLabel) },
              ],
              body: summary,
            },
          },
        ],
      },
      {
        id: 'entries',
        heading: '설명회 / 설문조사 / 전문가 자문',
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'communication-entries',
              title: '설명회·설문조사·전문가 자문',
              head: [{ cells: ['구분', '내용', '관련사진'] }],
              body: [
                ...detail.map((e) => ({
                  cells: [
                    label(e.type),
                    [
                      `○ 일시 : ${koDate(e.date)}${e.time ? ` ${e.time}` : ''}`,
                      `○ 장소 : ${e.place ?? ''}`,
                      `○ 대상 : ${e.audience ?? ''}`,
                      `○ 내용 : ${e.content ?? e.title ?? ''}`,
                    ].join('\n'),
                    { value: e.photos.map((ph) => ph.alt).join('\n'), images: e.photos },
                  ],
                })),
                ...linkedRows.map((a) => ({
                  cells: [
                    label(settings.linkedActivityTypes[a.kind]),
                    [
                      `○ 일시 : ${period(a)}`,
                      `○ 장소 : 마당(온라인)${a.url ? ` ${a.url}` : ''}`,
                      `○ 대상 : ${a.live ? `구민 ${a.participants}명 참여` : '구민'}`,
                      `○ 내용 : ${a.title}${counts(a)}`,
                    ].join('\n'),
                    '',
                  ],
                })),
              ],
            },
          },
        ],
      },
      // Counted by Madang itself from the linked boards, debates, surveys and proposals (seed 004's 구민제안·청원 등).
      ...(mineLinked.length
        ? [
            {
              id: 'linked',
              heading: '마당 연계 활동 (자동 집계)',
              level: 1 as const,
              blocks: [
                {
                  kind: 'table' as const,
                  table: {
                    id: 'communication-linked',
                    title: '마당 연계 활동',
                    head: [
                      { cells: ['공약명', '구분', '활동', '주소', '횟수(회)', '참여자(명)', '공감', '댓글', '기간'] },
                    ],
                    body: mineLinked.map((a) => ({
                      cells: [
                        titleOf.get(a.pledgeId) ?? a.pledgeId,
                        settings.linkedActivityTypes[a.kind] ? label(settings.linkedActivityTypes[a.kind]) : a.kind,
                        a.title,
                        a.url ?? '',
                        linkedCount(a),
                        a.participants ?? null,
                        a.supports ?? null,
                        a.comments ?? null,
                        period(a),
                      ],
                    })),
                  },
                },
              ],
            },
          ]
        : []),
      {
        id: 'press',
        heading: '언론/방송 보도',
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'communication-press',
              title: '언론·방송 보도',
              head: [{ cells: ['언론보도 내용 스크랩', '보도일자(언론사명)'] }],
              body: press.map((e) => ({
                cells: [
                  { value: e.title ?? e.content ?? '', images: e.photos },
                  `${koDate(e.date)}${e.mediaName ? `(${e.mediaName})` : ''}`,
                ],
              })),
            },
          },
        ],
      },
      {
        id: 'site-visits',
        heading: `【${settings.siteVisitLabel}】`,
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'communication-site-visits',
              title: settings.siteVisitLabel,
              head: [{ cells: ['관련사진', '일자(장소)'] }],
              body: visits.map((e) => ({
                cells: [
                  { value: e.photos.map((ph) => ph.alt).join('\n'), images: e.photos },
                  `${monthDay(e.date)} (${e.place ?? ''})`,
                ],
              })),
            },
          },
        ],
      },
    ],
  };
}
