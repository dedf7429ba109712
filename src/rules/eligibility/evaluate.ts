// Evaluates an eligibility rule for a person on a given day, with the reason for a
// refusal in Korean and English (shown to the citizen as is).
import type { IsoDate } from '../calendar/date.ts';
import { manAge } from './age.ts';
import { EligibilityRule, Person, type AreaRelation, type EligibilityRuleInput, type PersonInput } from './schema.ts';

export type RefusalCode = 'not-allowed' | 'age-unknown' | 'too-young' | 'area' | 'official';

export type EligibilityResult = { ok: true } | { ok: false; code: RefusalCode; reason: { ko: string; en: string } };

const RELATION_LABEL: Record<AreaRelation, { ko: string; en: string }> = {
  residence: { ko: '거주', en: 'live' },
  work: { ko: '직장 재직', en: 'work' },
  study: { ko: '학교 재학', en: 'study' },
};

/** Does a person's area code fall inside a rule's area code? Prefix match, except that a
 * 시 with 일반구 (수원시 41110) shares only its first 4 digits with its 구 (팔달구 41115),
 * so a 5-digit code ending in 0 matches on 4 digits. */
export function areaContains(ruleCode: string, personCode: string): boolean {
  const prefix = ruleCode.length === 5 && ruleCode.endsWith('0') ? ruleCode.slice(0, 4) : ruleCode;
  return personCode.startsWith(prefix);
}

function refuse(code: RefusalCode, ko: string, en: string): EligibilityResult {
  return { ok: false, code, reason: { ko, en } };
}

export function evaluateEligibility(
  ruleInput: EligibilityRuleInput | EligibilityRule,
  personInput: PersonInput | Person,
  on: IsoDate | Date,
): EligibilityResult {
  const rule = EligibilityRule.parse(ruleInput);
  const person = Person.parse(personInput);
  const allowed = rule.allowList.includes(person.id);
  if (allowed) return { ok: true };
  if (rule.allowListOnly) {
    return refuse(
      'not-allowed',
      '참여 대상으로 지정된 분만 참여할 수 있습니다.',
      'Only designated participants can take part.',
    );
  }
  if (rule.excludeOfficials && person.isOfficial) {
    return refuse('official', '공무원은 참여할 수 없습니다.', 'Public officials cannot take part.');
  }
  if (rule.minAge !== undefined) {
    if (!person.birthDate) {
      return refuse(
        'age-unknown',
        `만 ${rule.minAge}세 이상인지 확인할 수 없습니다. 본인확인을 해 주세요.`,
        `We cannot confirm that you are at least ${rule.minAge}; please verify your identity.`,
      );
    }
    const age = manAge(person.birthDate, on);
    if (age < rule.minAge) {
      return refuse(
        'too-young',
        `만 ${rule.minAge}세 이상만 참여할 수 있습니다 (현재 만 ${age}세).`,
        `You must be at least ${rule.minAge} years old (you are ${age}).`,
      );
    }
  }
  if (rule.areas) {
    const { codes, relations, label } = rule.areas;
    const match = relations.some((r) =>
      (person.areas[r] ?? []).some((mine) => codes.some((c) => areaContains(c, mine))),
    );
    if (!match) {
      const where = label ?? { ko: codes.join(', '), en: codes.join(', ') };
      const ko = relations.map((r) => RELATION_LABEL[r].ko).join('·');
      const en = relations
        .map((r) => RELATION_LABEL[r].en)
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1');
      return refuse(
        'area',
        `${where.ko}에 ${ko} 중인 분만 참여할 수 있습니다.`,
        `Only people who ${en} in ${where.en} can take part.`,
      );
    }
  }
  return { ok: true };
}
