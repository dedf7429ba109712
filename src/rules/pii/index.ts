export { detectPii, maskText, PII_KINDS } from './detect.ts';
export { guardText, lineColumn, PII_KIND_LABELS } from './guard.ts';
export type { GuardAction, GuardPolicy, GuardResult, BilingualMessage } from './guard.ts';
export type { PiiFinding, PiiKind, PiiOptions } from './types.ts';
export { luhnOk, rrnChecksumOk, alienChecksumOk } from './checksums.ts';
