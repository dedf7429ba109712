// The 제안합니다 board as a component type: its settings (with defaults from Korean boards) and its routes.
import { z } from 'zod';
import { defineComponentType } from '../../platform/settings.ts';

export const proposalBoard = defineComponentType({
  type: 'proposals',
  name: { ko: '제안 게시판', en: 'Proposal board' },
  settings: z.object({
    kind: z.enum(['proposal', 'request', 'petition', 'question']).default('proposal')
      .meta({ ko: '게시판 종류', en: 'Kind of board', options: {
        proposal: { ko: '제안합니다', en: 'Proposals' }, request: { ko: '바랍니다', en: 'Requests' },
        petition: { ko: '청원', en: 'Petitions' }, question: { ko: '시민이 묻습니다', en: 'Citizens ask' },
      } }),
        supportWindowDays: z.number().int().min(1).max(365).default(30)
      .meta({ ko: '공감 모집 기간(일)', en: 'Support window (days)', help: { ko: '민주주의 서울은 30일입니다.', en: 'Seoul uses 30 days.' } }),
    answerThreshold: z.number().int().min(1).max(1_000_000).default(50)
      .meta({ ko: '부서 답변 기준 공감 수', en: 'Supports for a department answer', help: { ko: '이 수 이상 공감을 받으면 담당 부서가 답변합니다.', en: 'At this many supports the department answers.' } }),
    answerDeadlineUnit: z.enum(['months', 'working-days', 'days']).default('months')
      .meta({ ko: '답변 기한 단위', en: 'Answer deadline unit', options: {
        months: { ko: '개월', en: 'months' }, 'working-days': { ko: '근무일 (토·일·공휴일 제외)', en: 'working days (no weekends or holidays)' }, days: { ko: '일', en: 'days' },
      } }),
    answerDeadlineLength: z.number().int().min(1).max(365).default(1)
      .meta({ ko: '답변 기한 길이', en: 'Answer deadline length', help: { ko: '민주주의 서울: 1개월. 민원처리법: 근무일로 셉니다.', en: 'Seoul: 1 month. 민원 rules count working days.' } }),
        piiAction: z.enum(['block', 'hold', 'mask']).default('block')
      .meta({ ko: '개인정보가 보일 때', en: 'When personal data is found', options: {
        block: { ko: '등록을 막고 위치를 알려 줌', en: 'Block and show where' },
        hold: { ko: '관리자 확인 뒤 공개', en: 'Hold for a moderator' },
        mask: { ko: '가린 뒤 공개', en: 'Publish masked' },
      } }),
    commentsEnabled: z.boolean().default(true).meta({ ko: '댓글 허용', en: 'Allow comments' }),
    stanceEnabled: z.boolean().default(true).meta({ ko: '댓글에 찬성·반대 표시', en: 'Comments may take a side' }),
    reportHideThreshold: z.number().int().min(1).max(100).default(3)
      .meta({ ko: '자동으로 가리는 신고 수', en: 'Reports that hide a comment', help: { ko: '이만큼 신고되면 운영자가 볼 때까지 댓글을 가립니다.', en: 'At this many reports a comment is hidden until a moderator decides.' } }),
    writeMinAge: z.number().int().min(0).max(120).default(0)
      .meta({ ko: '제안할 수 있는 나이 (만, 0이면 제한 없음)', en: 'Minimum age to propose (0: none)' }),
    supportMinAge: z.number().int().min(0).max(120).default(0)
      .meta({ ko: '공감할 수 있는 나이 (만, 0이면 제한 없음)', en: 'Minimum age to support (0: none)' }),
    commentMinAge: z.number().int().min(0).max(120).default(0)
      .meta({ ko: '댓글을 쓸 수 있는 나이 (만, 0이면 제한 없음)', en: 'Minimum age to comment (0: none)' }),
    areaCode: z.string().regex(/^(\d{2}|\d{5}|\d{10})?$/).default('')
      .meta({ ko: '제안·공감할 수 있는 지역 코드 (시·도 2자리, 시·군·구 5자리, 읍·면·동 10자리; 비우면 누구나)', en: 'Area code for proposing and supporting (2, 5 or 10 digits; empty: anyone)',
        help: { ko: '그 지역에 살거나 일하거나 다니는 분만 참여합니다.', en: 'Only people who live, work or study there take part.' } }),
    pageSize: z.number().int().min(5).max(100).default(20).meta({ ko: '한 쪽에 보이는 제안 수', en: 'Proposals per page' }),
  }),
});
export type ProposalBoardSettings = ReturnType<typeof proposalBoard.settings.parse>;
