export type PiiKind =
  | 'rrn' // 주민등록번호
  | 'alien-registration' // 외국인등록번호
  | 'phone'
  | 'bank-account'
  | 'card'
  | 'passport'
  | 'driver-licence'
  | 'email'
  | 'address'
  | 'name';

export interface PiiFinding {
  kind: PiiKind;
  /** Offsets in UTF-16 code units of the original text, end exclusive. */
  start: number;
  end: number;
  /** 0..1; 0.9+ means structurally certain (checksum, full format), ~0.6 means likely. */
  confidence: number;
  /** Preview of the finding with the identifying part hidden, e.g. '010-****-5678'. */
  masked: string;
}

export interface PiiOptions {
  /** Findings below this confidence are dropped. Default 0.5. */
  minConfidence?: number;
  /** Only look for these kinds (default: all). */
  kinds?: readonly PiiKind[];
  /** Digit prefixes of phone numbers published on purpose, e.g. the city hall's
   * exchange: ['031228', '228'] lets '☎ 031-228-2050' and '228-2050' through. */
  allowPhonePrefixes?: readonly string[];
  /** E-mail domains published on purpose, e.g. ['korea.kr', 'suwon.go.kr']. */
  allowEmailDomains?: readonly string[];
  /** What the installation publishes on purpose, from its settings: phone and fax
   * numbers, the city's 세입 account, addresses of the city hall and its offices, e.g.
   * ['031-228-2114', '경기도 수원시 팔달구 효원로 241']. A finding whose digits equal
   * one of these numbers (or its tail without area code), or an address that contains
   * or is contained in one of these addresses (without a unit 호), is not reported. */
  allowPublic?: readonly string[];
}

/** A raw hit before masking/merging. */
export interface Hit {
  kind: PiiKind;
  start: number;
  end: number;
  confidence: number;
}
