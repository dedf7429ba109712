// Check-digit algorithms for Korean identifiers and payment cards.

/** 주민등록번호 check digit (행정안전부 scheme used until 2020-10; newer numbers are random). */
export function rrnChecksumOk(d13: string): boolean {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d13.charCodeAt(i) - 48) * w[i];
  return (11 - (sum % 11)) % 10 === d13.charCodeAt(12) - 48;
}

/** 외국인등록번호 check digit (same weights, different constant). */
export function alienChecksumOk(d13: string): boolean {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d13.charCodeAt(i) - 48) * w[i];
  return (13 - (sum % 11)) % 10 === d13.charCodeAt(12) - 48;
}

export function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** Birth date of an RRN: YYMMDD plus the 7th digit giving century (1,2,5,6 → 1900s; 3,4,7,8 → 2000s). */
export function rrnBirthDateOk(yymmdd: string, genderDigit: string | null, today = new Date()): boolean {
  const yy = Number(yymmdd.slice(0, 2)),
    mm = Number(yymmdd.slice(2, 4)),
    dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  let centuries: number[];
  if (genderDigit === null) centuries = [1900, 2000];
  else if ('1256'.includes(genderDigit)) centuries = [1900];
  else if ('3478'.includes(genderDigit)) centuries = [2000];
  else return false; // 9/0 (1800s) cannot be a living person
  return centuries.some((c) => {
    const y = c + yy;
    const dim = new Date(Date.UTC(y, mm, 0)).getUTCDate();
    return dd <= dim && Date.UTC(y, mm - 1, dd) <= today.getTime();
  });
}
