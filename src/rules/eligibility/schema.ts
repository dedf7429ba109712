// Eligibility rules as data, editable by administrators as settings (validated with zod).
//
// Area codes follow 행정표준코드 (법정동코드): 시·도 2 digits, 시·군·구 5 digits,
// 읍·면·동 10 digits (e.g. 수원시 팔달구 41115, 인계동 4111513800). A rule area matches
// a person's area when the person's code starts with the rule's code, so '41115'
// covers every 동 of 팔달구 and '41' all of 경기도 (a 시 with 일반구 such as 수원시 41110
// matches on its first 4 digits; see areaContains).
import { z } from 'zod';

export const AreaCode = z.string().regex(/^\d{2}(\d{3}(\d{5})?)?$/, '2, 5 or 10 digits (시·도, 시·군·구, 읍·면·동)');

export const AreaRelation = z.enum(['residence', 'work', 'study']);
export type AreaRelation = z.infer<typeof AreaRelation>;

export const EligibilityRule = z.object({
  /** 만 나이 at least this, on the day of the action. */
  minAge: z.number().int().min(0).max(120).optional(),
  /** Must live, work or study (as allowed by `relations`) in one of these areas. */
  areas: z
    .object({
      codes: z.array(AreaCode).min(1),
      relations: z.array(AreaRelation).min(1).default(['residence', 'work', 'study']),
      /** Shown in the refusal, e.g. { ko: '수원시', en: 'Suwon' }. */
      label: z.object({ ko: z.string(), en: z.string() }).optional(),
    })
    .optional(),
  /** 공무원 excluded (e.g. 주민참여예산 votes). */
  excludeOfficials: z.boolean().default(false),
  /** Person ids allowed regardless of the other conditions (e.g. committee members). */
  allowList: z.array(z.string()).default([]),
  /** If true, *only* the allow list is eligible. */
  allowListOnly: z.boolean().default(false),
});
export type EligibilityRule = z.infer<typeof EligibilityRule>;
export type EligibilityRuleInput = z.input<typeof EligibilityRule>;

export const Person = z.object({
  id: z.string(),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Area codes by relation; a person may work in one city and live in another. */
  areas: z
    .object({
      residence: z.array(AreaCode).default([]),
      work: z.array(AreaCode).default([]),
      study: z.array(AreaCode).default([]),
    })
    .partial()
    .default({}),
  isOfficial: z.boolean().default(false),
});
export type Person = z.infer<typeof Person>;
export type PersonInput = z.input<typeof Person>;
