// Photos of communication-card entries (관련사진, seed 004). The type is decided by the file's first bytes, never by
// its name or the browser's claim, so a renamed script cannot be served as an image; the size limit is a setting;
// every photo needs a Korean (or English) description for people who cannot see it (KWCAG 1.1.1 대체 텍스트).

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

const startsWith = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** JPEG (FF D8 FF), PNG (89 'PNG' 0D 0A 1A 0A) or WebP ('RIFF' size 'WEBP'); undefined for anything else. */
function sniffImage(b: Uint8Array): PhotoType | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: { ko: string; en: string } };

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10}MB`;

export function checkPhoto(bytes: Uint8Array, maxBytes: number): Checked<PhotoType> {
  if (bytes.length === 0) return { ok: false, reason: { ko: '빈 파일입니다.', en: 'The file is empty.' } };
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      reason: {
        ko: `사진이 너무 큽니다(${mb(bytes.length)}). ${mb(maxBytes)} 이하로 줄여 주세요.`,
        en: `The photo is too large (${mb(bytes.length)}); the limit is ${mb(maxBytes)}.`,
      },
    };
  }
  const type = sniffImage(bytes);
  if (!type)
    return {
      ok: false,
      reason: { ko: 'JPEG, PNG, WebP 사진만 올릴 수 있습니다.', en: 'Only JPEG, PNG and WebP photos can be uploaded.' },
    };
  return { ok: true, value: type };
}

const ALT_MAX = 200;

/** The description read out in place of the photo: required, short, and not a file name. */
export function checkAlt(alt: string): Checked<string> {
  const a = alt.trim();
  if (!a)
    return {
      ok: false,
      reason: {
        ko: '사진 설명(대체 텍스트)을 적어 주세요. 화면을 볼 수 없는 분께 읽어 드립니다.',
        en: 'Describe the photo (alternative text); it is read out to people who cannot see it.',
      },
    };
  if (a.length > ALT_MAX)
    return {
      ok: false,
      reason: {
        ko: `사진 설명은 ${ALT_MAX}자 이내로 적어 주세요.`,
        en: `Keep the description within ${ALT_MAX} characters.`,
      },
    };
  if (/^[\w\-. ]+\.(jpe?g|png|webp|gif|heic)$/i.test(a))
    return {
      ok: false,
      reason: {
        ko: '파일 이름 대신 사진에 무엇이 보이는지 적어 주세요.',
        en: 'Say what the photo shows, not its file name.',
      },
    };
  return { ok: true, value: a };
}
