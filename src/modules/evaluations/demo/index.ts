// The demo city's evaluation: seed 003 (2021년 주민참여사업 이행사항 점검결과) as an evaluation import file, shipped
// with the module; the demo seed imports it through the same code as `madang import evaluation`.
import { readFileSync } from 'node:fs';

export const DEMO_EVALUATION = '003_evaluation_2021.csv';
export const demoEvaluationFile = () => readFileSync(new URL(`./${DEMO_EVALUATION}`, import.meta.url));
