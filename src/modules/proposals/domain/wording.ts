// The words of taking part depend on the board: a 청원 gathers 동의 (signatures, as 국회 국민동의청원 and local
// 청원 say), the other boards 공감. Pages ask for a translator of their board's kind and keep using the usual keys.
import type { MessageKey, T } from '../../../platform/i18n/index.ts';
import { STAGE_LABELS, type BoardKind, type Stage } from './index.ts';

const PETITION: Partial<Record<MessageKey, MessageKey>> = {
  'proposal.supports': 'petition.supports',
  'proposal.supported': 'petition.supported',
  'proposal.alreadySupported': 'petition.alreadySupported',
  'proposal.youSupported': 'petition.youSupported',
  'proposal.supportLogin': 'petition.supportLogin',
  'proposal.closesAt': 'petition.closesAt',
  'support.windowClosed': 'petition.windowClosed',
  'list.sort.supported': 'petition.sort.supported',
  'list.status.collecting': 'petition.status.collecting',
};

/** The translator for a board of this kind: on a 청원 board, the 공감 words become 동의 words. */
export function wordsFor(t: T, kind: BoardKind | string | undefined): T {
  if (kind !== 'petition') return t;
  return (key, vars) => t(PETITION[key] ?? key, vars);
}

/** A stage's name on a board of this kind (the tracker and badges): 공감 모집 is 동의 모집 on a 청원 board. */
export function stageLabel(t: T, stage: Stage, kind: BoardKind | string | undefined, lang: 'ko' | 'en'): string {
  return kind === 'petition' && stage === 'collecting' ? t('petition.stage.collecting') : STAGE_LABELS[stage][lang];
}
