// The 제안합니다 board as a component type: its settings (with defaults from Korean boards) and its routes.
import { z } from 'zod';
import { defineComponentType } from '../../platform/settings.ts';
import { PRESET_NAMES } from './domain/presets.ts';

const list = (ko: string, en: string, help: { ko: string; en: string }, dflt: string) =>
  z
    .string()
    .max(1000)
    .regex(/^[^<>]*$/)
    .default(dflt)
    .meta({ ko, en, help });

export const proposalBoard = defineComponentType({
  type: 'proposals',
  name: { ko: '제안 게시판', en: 'Proposal board' },
  settings: z.object({
    kind: z
      .enum(['proposal', 'request', 'petition', 'question'])
      .default('proposal')
      .meta({
        ko: '게시판 종류',
        en: 'Kind of board',
        options: {
          proposal: { ko: '제안합니다', en: 'Proposals' },
          request: { ko: '바랍니다', en: 'Requests' },
          petition: { ko: '청원', en: 'Petitions' },
          question: { ko: '시민이 묻습니다', en: 'Citizens ask' },
        },
      }),
    preset: z
      .enum(['custom', ...PRESET_NAMES])
      .default('custom')
      .meta({
        ko: '운영 방식',
        en: 'Rules',
        help: {
          ko: '이미 있는 제도를 고르면 공감 모집 기간, 검토 시점, 답변 기준(단계별 공감 수·답변자·기한), 사전동의를 그 제도대로 씁니다. 아래의 해당 항목은 "직접 정함"일 때만 쓰입니다.',
          en: 'Choosing an existing system takes its support window, screening, answer tiers and pre-agreements; the matching fields below apply only to "custom".',
        },
        options: {
          custom: { ko: '직접 정함 (아래 값)', en: 'Custom (the values below)' },
          seoul: {
            ko: '민주주의 서울: 공감 50명 부서 답변, 100명 공론장, 1,000명 시장 답변',
            en: 'Democracy Seoul: 50 department, 100 deliberation, 1,000 mayor',
          },
          'suwon-question': {
            ko: '수원 시민이 묻습니다: 댓글 200개에 실·국·소·구청장 답변',
            en: "Suwon 'Citizens ask': 200 comments, head of office answers",
          },
          'assembly-petition': {
            ko: '국회 국민동의청원: 사전동의 100명 뒤 공개, 30일 안에 5만 명',
            en: 'National Assembly petition: 100 pre-agreements, then 50,000 in 30 days',
          },
          'local-petition-1000': {
            ko: '시민청원: 30일 안에 1,000명이면 시 공식 답변',
            en: 'Local petition: 1,000 in 30 days for an official answer',
          },
          'local-petition-5000': {
            ko: '시민청원: 30일 안에 5,000명이면 시장 답변',
            en: "Local petition: 5,000 in 30 days for the mayor's answer",
          },
          'saha-propose': {
            ko: '사하구에 제안합니다: 모든 제안에 1개월 안에 답변',
            en: 'Propose to Saha-gu: every proposal answered within a month',
          },
          'saha-request': {
            ko: '사하구에 바랍니다: 모든 요청에 14 근무일 안에 답변',
            en: 'Requests to Saha-gu: every request answered within 14 working days',
          },
        },
      }),
    screening: z
      .enum(['at-threshold', 'before-support'])
      .default('at-threshold')
      .meta({
        ko: '검토 시점',
        en: 'When staff screen',
        options: {
          'at-threshold': {
            ko: '바로 공개하고, 공감을 모으는 동안이나 기준에 도달하면 검토',
            en: 'Publish at once; screen while support runs',
          },
          'before-support': {
            ko: '검토를 마친 뒤 공개하고 공감 모집',
            en: 'Screen first, then publish and collect support',
          },
        },
      }),
    supportWindowDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .meta({
        ko: '공감 모집 기간(일)',
        en: 'Support window (days)',
        help: { ko: '민주주의 서울은 30일입니다.', en: 'Seoul uses 30 days.' },
      }),
    answerThreshold: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(50)
      .meta({
        ko: '부서 답변 기준 공감 수',
        en: 'Supports for a department answer',
        help: {
          ko: '이 수 이상 공감을 받으면 담당 부서가 답변합니다.',
          en: 'At this many supports the department answers.',
        },
      }),
    answerDeadlineUnit: z
      .enum(['months', 'working-days', 'days'])
      .default('months')
      .meta({
        ko: '답변 기한 단위',
        en: 'Answer deadline unit',
        options: {
          months: { ko: '개월', en: 'months' },
          'working-days': { ko: '근무일 (토·일·공휴일 제외)', en: 'working days (no weekends or holidays)' },
          days: { ko: '일', en: 'days' },
        },
      }),
    answerDeadlineLength: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(1)
      .meta({
        ko: '답변 기한 길이',
        en: 'Answer deadline length',
        help: {
          ko: '민주주의 서울: 1개월. 민원처리법: 근무일로 셉니다.',
          en: 'Seoul: 1 month. 민원 rules count working days.',
        },
      }),
    countToward: z
      .enum(['supports', 'comments'])
      .default('supports')
      .meta({
        ko: '기준으로 세는 것',
        en: 'What counts toward the tiers',
        options: {
          supports: { ko: '공감(동의) 수', en: 'Supports' },
          comments: { ko: '댓글 쓴 사람 수', en: 'People who commented' },
        },
      }),
    deliberationThreshold: z
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .default(0)
      .meta({ ko: '공론장 후보가 되는 수 (0이면 없음)', en: 'Count for a deliberation candidate (0: none)' }),
    mayorThreshold: z
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .default(0)
      .meta({
        ko: '시장이 답변하는 수 (0이면 없음)',
        en: "Count for the mayor's answer (0: none)",
        help: { ko: '답변 기한은 부서 답변과 같습니다.', en: 'Same deadline as the department answer.' },
      }),
    preAgreements: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(0)
      .meta({
        ko: '공개 전에 필요한 사전동의 수 (0이면 바로 접수)',
        en: 'Pre-agreements needed before publication (0: none)',
        help: {
          ko: '국회 국민동의청원은 30일 안에 100명입니다.',
          en: 'The National Assembly uses 100 within 30 days.',
        },
      }),
    piiAction: z
      .enum(['block', 'hold', 'mask'])
      .default('block')
      .meta({
        ko: '개인정보가 보일 때',
        en: 'When personal data is found',
        options: {
          block: { ko: '등록을 막고 위치를 알려 줌', en: 'Block and show where' },
          hold: { ko: '관리자 확인 뒤 공개', en: 'Hold for a moderator' },
          mask: { ko: '가린 뒤 공개', en: 'Publish masked' },
        },
      }),
    piiAllowPhonePrefixes: z
      .string()
      .max(500)
      .regex(/^[\d\s,，-]*$/)
      .default('')
      .meta({
        ko: '개인정보로 보지 않는 전화번호 앞자리 (쉼표로 구분)',
        en: 'Phone number prefixes that are not personal data (comma-separated)',
        help: {
          ko: '시청 대표번호처럼 일부러 공개하는 번호입니다. 예: 031-228, 02-120',
          en: "Numbers published on purpose, like the city hall's exchange. E.g. 031-228, 02-120",
        },
      }),
    piiAllowEmailDomains: z
      .string()
      .max(500)
      .regex(/^[a-zA-Z0-9.,，\s-]*$/)
      .default('')
      .meta({
        ko: '개인정보로 보지 않는 전자우편 도메인 (쉼표로 구분)',
        en: 'E-mail domains that are not personal data (comma-separated)',
        help: {
          ko: '공무원 주소처럼 공개된 주소의 도메인입니다. 예: korea.kr, madang.go.kr',
          en: 'Domains of published addresses, e.g. officials’. E.g. korea.kr',
        },
      }),
    piiAllowPublic: z
      .array(
        z
          .string()
          .min(1)
          .max(200)
          .regex(/^[^<>]*$/),
      )
      .max(50)
      .default([])
      .meta({
        ko: '개인정보로 보지 않는 공개 번호·주소 (한 줄에 하나)',
        en: 'Published numbers and addresses that are not personal data (one per line)',
        help: {
          ko: '시청·주민센터의 대표번호, 팩스, 세입 계좌, 청사 주소처럼 시가 공개하는 것입니다. 예: 031-228-2114, 경기도 수원시 팔달구 효원로 241',
          en: "What the city publishes: its offices' numbers, fax, revenue account, addresses. E.g. 031-228-2114",
        },
      }),
    commentsEnabled: z.boolean().default(true).meta({ ko: '댓글 허용', en: 'Allow comments' }),
    stanceEnabled: z.boolean().default(true).meta({ ko: '댓글에 찬성·반대 표시', en: 'Comments may take a side' }),
    commentEditMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .default(5)
      .meta({ ko: '댓글을 고칠 수 있는 시간(분)', en: 'Minutes in which a comment may be edited' }),
    reportHideThreshold: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(3)
      .meta({
        ko: '자동으로 가리는 신고 수',
        en: 'Reports that hide a comment',
        help: {
          ko: '이만큼 신고되면 운영자가 볼 때까지 댓글을 가립니다.',
          en: 'At this many reports a comment is hidden until a moderator decides.',
        },
      }),
    temporaryMeasureDays: z
      .number()
      .int()
      .min(1)
      .max(30)
      .default(30)
      .meta({
        ko: '임시조치 기간(일)',
        en: 'Temporary measure (days)',
        help: {
          ko: '권리 침해 신고가 들어온 댓글을 가려 두는 기간입니다. 정보통신망법상 30일을 넘을 수 없고, 그 안에 운영자가 판단하지 않으면 기간이 끝난 뒤 다시 보입니다.',
          en: 'How long a comment is hidden after a rights-infringement claim: at most 30 days by law; without a moderator decision it is shown again afterwards.',
        },
      }),
    writeMinAge: z
      .number()
      .int()
      .min(0)
      .max(120)
      .default(0)
      .meta({ ko: '제안할 수 있는 나이 (만, 0이면 제한 없음)', en: 'Minimum age to propose (0: none)' }),
    supportMinAge: z
      .number()
      .int()
      .min(0)
      .max(120)
      .default(0)
      .meta({ ko: '공감할 수 있는 나이 (만, 0이면 제한 없음)', en: 'Minimum age to support (0: none)' }),
    commentMinAge: z
      .number()
      .int()
      .min(0)
      .max(120)
      .default(0)
      .meta({ ko: '댓글을 쓸 수 있는 나이 (만, 0이면 제한 없음)', en: 'Minimum age to comment (0: none)' }),
    areaCode: z
      .string()
      .regex(/^(\d{2}|\d{5}|\d{10})?$/)
      .default('')
      .meta({
        ko: '제안·공감할 수 있는 지역 코드 (시·도 2자리, 시·군·구 5자리, 읍·면·동 10자리; 비우면 누구나)',
        en: 'Area code for proposing and supporting (2, 5 or 10 digits; empty: anyone)',
        help: {
          ko: '그 지역에 살거나 일하거나 다니는 분만 참여합니다.',
          en: 'Only people who live, work or study there take part.',
        },
      }),
    topics: list(
      '분야 목록 (쉼표로 구분)',
      'Topics (comma-separated)',
      { ko: '제안을 쓸 때 고르고, 목록에서 걸러 봅니다.', en: 'Chosen when writing, used as a list filter.' },
      '교통, 환경, 복지, 안전, 문화·체육, 교육, 경제·일자리, 행정',
    ),
    areas: list(
      '지역 목록 (쉼표로 구분)',
      'Areas (comma-separated)',
      { ko: '예: 중앙동, 신평동. 비우면 지역을 묻지 않습니다.', en: 'E.g. neighbourhoods. Empty: not asked.' },
      '',
    ),
    pageSize: z
      .number()
      .int()
      .min(5)
      .max(100)
      .default(20)
      .meta({ ko: '한 쪽에 보이는 제안 수', en: 'Proposals per page' }),
  }),
});
export type ProposalBoardSettings = ReturnType<typeof proposalBoard.settings.parse>;
