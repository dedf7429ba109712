// Named presets: the settings of real Korean systems. Section numbers (§) refer to
// /work/shared/research/anchors-korea.md; [V] verified, [V1] one source, [U] unverified
// there, in which case the value is our assumption and says so.
import { BoardSettings, type BoardSettingsInput } from './settings.ts';

export const PRESET_NAMES = [
  'seoul',
  'suwon-question',
  'assembly-petition',
  'local-petition-1000',
  'local-petition-5000',
  'saha-propose',
  'saha-request',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const PRESET_INPUTS: Record<PresetName, BoardSettingsInput> = {
  // 상상대로 서울 (민주주의 서울) 시민제안, 2020-03 regime (§1.2).
  seoul: {
    kind: 'proposal',
    name: { ko: '상상대로 서울 시민제안', en: 'Seoul citizen proposals' },
    screening: 'at-threshold', // published at once; the department reviews at 50 [V] §1.2
    supportWindowDays: 30, // "50 공감 within 30 days" [V] §1.2
    countToward: 'supports',
    tiers: [
      {
        key: 'department',
        threshold: 50, // 50 공감 → 주무부서 review and answer [V] §1.2
        answerer: 'department',
        answerDeadline: { months: 1 }, // within 1 month, 시민참여 기본 조례 시행규칙 제9조 [V1] §1.2
        label: { ko: '부서 답변', en: 'Department answer' },
      },
      {
        key: 'deliberation',
        threshold: 100, // 100 공감 → 공론장 opened (2020 reform) [V] §1.2
        answerer: 'deliberation',
        answerDeadline: null, // 공론장 held monthly (월 1회 상설화) [V] §1.2: decided at the next one
        label: { ko: '공론장 후보', en: 'Public deliberation candidate' },
      },
      {
        key: 'mayor',
        // 1,000 → the mayor answers [V] §1.2. The source counts 1,000 *debate participants*;
        // we count 공감 like the brief; a tenant may set `counts` differently.
        threshold: 1000,
        answerer: 'mayor',
        answerDeadline: { months: 1 }, // [U] not in sources: same month as the department answer
        label: { ko: '시장 답변', en: "Mayor's answer" },
      },
    ],
  },

  // 수원만민광장 토론광장 '시민이 묻습니다' (§3.4, §5).
  'suwon-question': {
    kind: 'question',
    name: { ko: '시민이 묻습니다', en: 'Citizens ask' },
    screening: 'at-threshold', // questions are posted at once [U]
    supportWindowDays: 30, // [U] for 만민광장; 새빛톡톡's debate runs 30 days [V] §5
    countToward: 'comments', // "200 citizens' comments" [V] §3.4, §5
    tiers: [
      {
        key: 'head-of-office',
        threshold: 200, // 200 comments → 실·국·소·구청장 answers [V] §3.4, §5
        answerer: 'head-of-office',
        answerDeadline: { days: 30 }, // [U] for 만민광장; 새빛톡톡 answers within 30 days [V] §5
        label: { ko: '실·국·소·구청장 답변', en: 'Answer by the head of office' },
      },
    ],
    comments: { stanceEnabled: true }, // 찬성/반대 buttons plus comments [V] §5
  },

  // 국회 국민동의청원 (§3.2).
  'assembly-petition': {
    kind: 'petition',
    name: { ko: '국민동의청원', en: 'Public consent petition' },
    screening: 'before-support', // staff review after the 100 pre-agreements, then publication [V] §3.2
    prePublication: { agreements: 100, windowDays: 30 }, // 100 agreements in 30 days → review → published [V] §3.2
    supportWindowDays: 30, // 50,000 within 30 days of publication [V] §3.2
    countToward: 'supports',
    tiers: [
      {
        key: 'committee',
        threshold: 50_000, // 성립 → referred to the standing committee (100,000 before 2021) [V] §3.2
        answerer: 'deliberation',
        // 국회법 제125조: report within 90 days of referral [V] §3.2. The one 60-day extension
        // and further committee extensions are not modelled.
        answerDeadline: { days: 90 },
        label: { ko: '소관 위원회 회부', en: 'Referred to the standing committee' },
      },
    ],
  },

  // 서울천만인소-style local petition (§1.3).
  'local-petition-1000': {
    kind: 'petition',
    name: { ko: '시민청원', en: 'Citizen petition' },
    screening: 'before-support', // screened (about a week) before publication [V1] §1.3
    supportWindowDays: 30, // 1,000 supporters within 30 days [V] §1.3
    tiers: [
      {
        key: 'official-answer',
        threshold: 1000, // → official city answer [V] §1.3
        answerer: 'head-of-office', // "official city answer", no named answerer in §1.3 [U]
        answerDeadline: { days: 30 }, // [U] not stated in §1.3; the 30 days of 성남 §3.4
        label: { ko: '시 공식 답변', en: 'Official city answer' },
      },
    ],
  },

  // 성남시 행복소통청원-style local petition (§3.4).
  'local-petition-5000': {
    kind: 'petition',
    name: { ko: '시민청원', en: 'Citizen petition' },
    screening: 'before-support', // checked for 청원법 제6조 exclusions before publication [U]
    supportWindowDays: 30, // 5,000 agreements in 30 days [V] §3.4
    tiers: [
      {
        key: 'mayor',
        threshold: 5000, // → mayor or bureau chief answers [V] §3.4
        answerer: 'mayor',
        answerDeadline: { days: 30 }, // within 30 days [V] §3.4
        label: { ko: '시장 답변', en: "Mayor's answer" },
      },
    ],
  },

  // 사하구 소통공감365 '사하구에 제안합니다'. Saha-specific numbers were not found (§7.3, §11
  // item 7), so this follows 국민 제안 규정 (§4.2): every proposal is adopted or rejected
  // within 1 month.
  'saha-propose': {
    kind: 'proposal',
    name: { ko: '사하구에 제안합니다', en: 'Propose to Saha-gu' },
    screening: 'at-threshold', // posted at once, the department answers every proposal [U]
    supportWindowDays: 30, // the usual 30-day 공감 window (§12); 공감 is shown, not a gate
    tiers: [
      {
        key: 'department',
        threshold: 0, // every proposal is answered (국민제안 §4.2) [U] for Saha
        answerer: 'department',
        answerDeadline: { months: 1 }, // adopt or reject within 1 month [V1] §4.2
        label: { ko: '부서 검토 답변', en: 'Department answer' },
      },
    ],
  },

  // 사하구 소통공감365 '사하구에 바랍니다': a request is a 건의민원 (§4.1).
  'saha-request': {
    kind: 'request',
    name: { ko: '사하구에 바랍니다', en: 'Requests to Saha-gu' },
    screening: 'at-threshold', // posted at once [U]
    supportWindowDays: 30, // (§12) 공감 is shown, not a gate
    tiers: [
      {
        key: 'department',
        threshold: 0, // every 민원 is answered (민원 처리에 관한 법률) [V] §4.1
        answerer: 'department',
        // 건의민원: 14 days per 시행령 제15조 in one table, 10 days by recollection [U] §4.1.
        // ≥ 6 days count in working days (법 제19조②), hence workingDays.
        answerDeadline: { days: 14, workingDays: true },
        label: { ko: '부서 답변', en: 'Department answer' },
      },
    ],
  },
};

/** Parsed presets, ready to use. Parsing here also proves every preset is valid at import. */
export const PRESETS: Record<PresetName, BoardSettings> = Object.fromEntries(
  PRESET_NAMES.map((n) => [n, BoardSettings.parse(PRESET_INPUTS[n])]),
) as Record<PresetName, BoardSettings>;

/** A preset with tenant overrides applied on top (shallow per top-level key), validated. */
export function presetWith(name: PresetName, overrides: Partial<BoardSettingsInput> = {}): BoardSettings {
  return BoardSettings.parse({ ...PRESET_INPUTS[name], ...overrides });
}
