// The demo city's evaluation report (seed 003), imported as `madang import evaluation` would, with its front matter.
import type { Database } from '../../platform/db.ts';
import { SYSTEM } from '../../platform/audit.ts';
import { importEvaluation } from './import.ts';
import { DEMO_EVALUATION, demoEvaluationFile } from './demo/index.ts';

export async function seedEvaluationDemo(db: Database): Promise<void> {
  const actor = { ...SYSTEM, label: 'system (demo seed)' };
  const evaluation = await importEvaluation(
    db,
    { name: DEMO_EVALUATION, data: demoEvaluationFile() },
    {
      title: '2021년 주민참여사업 이행사항 점검결과 보고',
      date: '2022. 6.',
      organization: '시 민 협 력 국',
      intro:
        "「서울시 주민참여 기본조례」 및 제2차 주민참여 기본계획('19~'22)에 따라 2021년 주민참여사업의 이행사항에 대해 점검·평가하고 그 결과를 보고 드림",
      basis: [{ text: '「서울특별시 주민참여 기본조례」 제4조 2항' }],
      overview: {
        content: '제2차 주민참여기본계획 내 세부사업의 2021년 이행 실적',
        period: '2021.1월 ~ 2021.12월',
        method: '정량평가(목표치 대비 실적 달성도) 및 정성평가',
      },
      plans: [{ text: "'22. 6. : 이행사항 점검결과 알림(전 부서) 및 대시민 공개(홈페이지)" }],
    },
    { actor },
  );
  if (!evaluation.ok) throw new Error(`demo evaluation: ${JSON.stringify(evaluation.errors.slice(0, 3))}`);
}
