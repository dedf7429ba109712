// guardText: the publish gate for citizen text (title, body, comment, answer,
// attachment file name). The tenant's setting decides what happens when personal
// data is found: block with a message, hold for moderation, or publish masked.
import { detectPii, maskText } from './detect.ts';
import type { PiiFinding, PiiKind, PiiOptions } from './types.ts';

export type GuardAction = 'block' | 'hold' | 'mask';

export interface GuardPolicy extends PiiOptions {
  action: GuardAction;
}

export interface BilingualMessage {
  ko: string;
  en: string;
}

export type GuardResult =
  | { decision: 'publish'; text: string; findings: []; message: null }
  | { decision: 'block' | 'hold' | 'mask'; text: string; findings: PiiFinding[]; message: BilingualMessage };

export const PII_KIND_LABELS: Record<PiiKind, BilingualMessage> = {
  rrn: { ko: '주민등록번호', en: 'resident registration number' },
  'alien-registration': { ko: '외국인등록번호', en: 'alien registration number' },
  phone: { ko: '전화번호', en: 'phone number' },
  'bank-account': { ko: '계좌번호', en: 'bank account number' },
  card: { ko: '카드번호', en: 'card number' },
  passport: { ko: '여권번호', en: 'passport number' },
  'driver-licence': { ko: '운전면허번호', en: "driver's licence number" },
  email: { ko: '이메일 주소', en: 'e-mail address' },
  address: { ko: '주소', en: 'street address' },
  name: { ko: '이름', en: 'personal name' },
};

/** 1-based line and column (in characters) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}

const LEAD: Record<GuardAction, BilingualMessage> = {
  block: {
    ko: '개인정보로 보이는 내용이 있어 게시할 수 없습니다. 아래 내용을 지우거나 고친 뒤 다시 올려 주세요.',
    en: 'This text seems to contain personal data and cannot be published. Remove or change the items below and try again.',
  },
  hold: {
    ko: '개인정보로 보이는 내용이 있어 관리자 확인 후 게시됩니다.',
    en: 'This text seems to contain personal data; it will be published after a moderator has checked it.',
  },
  mask: {
    ko: '개인정보로 보이는 내용을 가리고 게시했습니다.',
    en: 'Personal data found in this text was masked before publishing.',
  },
};

export function guardText(text: string, policy: GuardPolicy): GuardResult {
  const findings = detectPii(text, policy);
  if (findings.length === 0) return { decision: 'publish', text, findings: [], message: null };
  const items = findings.map((f) => ({ f, pos: lineColumn(text, f.start), label: PII_KIND_LABELS[f.kind] }));
  const ko = items.map(({ f, pos, label }) => `- ${label.ko} ${f.masked} (${pos.line}번째 줄 ${pos.column}번째 글자)`);
  const en = items.map(({ f, pos, label }) => `- ${label.en} ${f.masked} (line ${pos.line}, column ${pos.column})`);
  const message = {
    ko: [LEAD[policy.action].ko, ...ko].join('\n'),
    en: [LEAD[policy.action].en, ...en].join('\n'),
  };
  const out = policy.action === 'mask' ? maskText(text, findings) : text;
  return { decision: policy.action, text: out, findings, message };
}
