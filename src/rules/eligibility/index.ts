export { manAge } from './age.ts';
export { evaluateEligibility, areaContains } from './evaluate.ts';
export type { EligibilityResult, RefusalCode } from './evaluate.ts';
export { EligibilityRule, Person, AreaCode, AreaRelation } from './schema.ts';
export type { EligibilityRuleInput, PersonInput } from './schema.ts';
