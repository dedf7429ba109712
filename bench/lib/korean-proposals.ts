// Realistic Korean proposal titles and bodies for benchmarks: a place in a made-up 마당시, a thing, and a request,
// with the right particle (을/를, 이/가) from es-hangul, e.g. "한내동 버스 정류장에 그늘막을 설치해 주세요".
// Deterministic (seeded), so two runs measure the same data.
import { josa } from 'es-hangul';

const DONG = [
  '마당동',
  '한내동',
  '새빛동',
  '솔내동',
  '구름동',
  '매화동',
  '느티동',
  '별빛동',
  '바람동',
  '가온동',
  '누리동',
  '해오름동',
  '달빛동',
  '푸른숲동',
  '장터동',
  '나루동',
];
const SPOTS = [
  '버스 정류장',
  '초등학교 앞',
  '하천 산책로',
  '전통시장 입구',
  '주민센터 앞',
  '공영주차장',
  '어린이공원',
  '지하철역 출구',
  '도서관 앞',
  '경로당 옆',
  '체육공원',
  '먹자골목',
  '아파트 단지 사이 길',
  '중학교 통학로',
  '보건소 앞',
  '복지관 앞',
];
const THINGS = [
  '보행자 신호등',
  '그늘막',
  '가로등',
  '쓰레기통',
  '분리수거함',
  '벤치',
  '공공 와이파이',
  '자전거 거치대',
  '방범 CCTV',
  '횡단보도',
  '과속방지턱',
  '음수대',
  '공중화장실',
  '반려견 배변봉투함',
  '전기차 충전기',
  '점자블록',
  '미끄럼 방지 포장',
  '안내 표지판',
  '흡연 부스',
  '택배 보관함',
];
const ASKS = [
  '설치해 주세요',
  '늘려 주세요',
  '고쳐 주세요',
  '옮겨 주세요',
  '정비해 주세요',
  '새로 만들어 주세요',
  '개선해 주세요',
  '점검해 주세요',
];
const ISSUES = [
  '불법 주차',
  '소음',
  '악취',
  '야간 조명 부족',
  '보도 파손',
  '무단 투기',
  '침수',
  '빙판길',
  '공사 먼지',
  '과속 차량',
];
const FIXES = ['해결해 주세요', '단속해 주세요', '대책을 세워 주세요', '살펴봐 주세요'];
const PROGRAMS = [
  '주말 돌봄교실',
  '어르신 디지털 교육',
  '청소년 공부방',
  '마을 공유부엌',
  '주민 텃밭',
  '외국인 주민 한국어 교실',
  '공공 자전거',
  '심야 버스',
  '수요응답형 버스',
  '반려동물 놀이터',
];
const WANTS = ['운영해 주세요', '확대해 주세요', '시간을 늘려 주세요', '우리 동네에도 만들어 주세요'];

export { mulberry32 as random } from './random.ts';

export function proposalText(rnd: () => number): { title: string; body: string } {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const dong = pick(DONG),
    spot = pick(SPOTS);
  const kind = rnd();
  if (kind < 0.6) {
    const thing = pick(THINGS),
      ask = pick(ASKS);
    return {
      title: `${dong} ${spot}에 ${josa(thing, '을/를')} ${ask}`,
      body: `${dong} ${spot}에는 ${josa(thing, '이/가')} 없거나 부족해서 불편합니다. 아침저녁으로 지나는 주민이 많습니다. ${thing} 문제를 검토해 주시면 고맙겠습니다.`,
    };
  }
  if (kind < 0.85) {
    const issue = pick(ISSUES),
      fix = pick(FIXES);
    return {
      title: `${dong} ${spot} ${issue} 문제를 ${fix}`,
      body: `${spot} 주변의 ${issue} 때문에 주민들이 오래 불편을 겪고 있습니다. 민원을 여러 번 넣었지만 그대로입니다. 현장을 확인해 주세요.`,
    };
  }
  const program = pick(PROGRAMS),
    want = pick(WANTS);
  return {
    title: `${dong}에서 ${josa(program, '을/를')} ${want}`,
    body: `${dong} 주민입니다. 이웃 동네의 ${program} 이야기를 듣고 우리 동네에도 있었으면 합니다. 참여할 주민이 많습니다.`,
  };
}
