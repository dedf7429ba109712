// The evaluations module's words, Korean and English (the same keys in both), merged into the site's catalog
// under 'evaluations.' (the manifest's texts) and read through the request's translator.
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { defineTexts } from '../../platform/i18n/index.ts';

const KO = {
  evaluations: '이행사항 점검결과',
  evaluationNone: '등록된 점검결과가 없습니다.',
  title: '제목',
  takenAt: '기준일',
  rows: '추진과제',
  downloads: '내려받기 (공공데이터)',
  print: '인쇄는 브라우저의 인쇄 기능(A4)을 쓰세요.',
  graded: '등급을 저장했습니다.',
  gradeHeading: '최종 등급 정하기',
  gradeHelp: '달성도로 제안된 등급과 다르게 정하려면 정성평가 사유를 적어야 합니다.',
  grade: '등급',
  reason: '정성평가 사유',
  save: '저장',
  chooseItem: '추진과제를 고르세요.',
  admin: '점검결과 가져오기',
  templates: '가져오기 양식',
  importEvaluation: '점검결과 가져오기',
  file: '파일 (XLSX 또는 CSV)',
  chooseFile: '파일을 고르세요.',
  importFailed: '가져오지 못했습니다. 아래 행을 고친 뒤 다시 올려 주세요.',
  importHelp:
    '한 행이라도 잘못되면 아무것도 가져오지 않고 잘못된 행을 모두 알려 드립니다. 명령줄: npx madang import evaluation <파일>',
  date: '작성일 (예: 2022. 6.)',
  organization: '작성 부서',
  intro: '목적',
  basis: '추진근거 (한 줄에 하나)',
  content: '점검 내용',
  period: '점검 기간',
  method: '점검 방법',
  plans: '향후계획 (한 줄에 하나)',
};

const EN: Record<keyof typeof KO, string> = {
  evaluations: 'Evaluation reports',
  evaluationNone: 'No evaluation reports yet.',
  title: 'Title',
  takenAt: 'Taken on',
  rows: 'Items',
  downloads: 'Downloads (open data)',
  print: "Print with the browser's print command (A4).",
  graded: 'Grade saved.',
  gradeHeading: 'Set a final grade',
  gradeHelp: 'A grade other than the one the rate suggests needs a written reason.',
  grade: 'Grade',
  reason: 'Reason',
  save: 'Save',
  chooseItem: 'Choose an item.',
  admin: 'Import an evaluation',
  templates: 'Import templates',
  importEvaluation: 'Import an evaluation',
  file: 'File (XLSX or CSV)',
  chooseFile: 'Choose a file.',
  importFailed: 'Nothing was imported. Fix the rows below and upload again.',
  importHelp:
    'If any row is wrong nothing is imported and every bad row is listed. Command line: npx madang import evaluation <file>',
  date: 'Date (e.g. 2022. 6.)',
  organization: 'Prepared by',
  intro: 'Purpose',
  basis: 'Basis (one per line)',
  content: 'What was checked',
  period: 'Period checked',
  method: 'Method',
  plans: 'Next steps (one per line)',
};

export type TextKey = keyof typeof KO;
const prefixed = (x: Record<TextKey, string>) =>
  Object.fromEntries(Object.entries(x).map(([k, v]) => [`evaluations.${k}`, v])) as Record<
    `evaluations.${TextKey}`,
    string
  >;
export const texts = defineTexts(prefixed(KO), prefixed(EN));
export const tx = (c: Context<AppEnv>) => {
  const t = texts.of(c.get('t'));
  return (k: TextKey) => t(`evaluations.${k}`);
};
