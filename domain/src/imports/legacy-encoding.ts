/**
 * Vietnamese typed with the old 8-bit fonts (TCVN3/ABC ".VnTime", VNI "VNI-Times") and saved in Excel as if it
 * were Latin-1: "Ng­êi" (TCVN3), "Ngöôøi" (VNI) for "Người". Detected on the whole sheet (one file is typed in one
 * font) and converted to Unicode NFC; the importer shows a warning so the clerk checks the preview.
 */

/** TCVN3 (TCVN 5712:1993, VN3): one byte per letter; capitals with tone marks use the lower-case codes. */
const TCVN3: Record<string, string> = {
  '\u00b5': 'à', '\u00b8': 'á', '\u00b6': 'ả', '\u00b7': 'ã', '\u00b9': 'ạ',
  '\u00a8': 'ă', '\u00bb': 'ằ', '\u00be': 'ắ', '\u00bc': 'ẳ', '\u00bd': 'ẵ', '\u00c6': 'ặ',
  '\u00a9': 'â', '\u00c7': 'ầ', '\u00ca': 'ấ', '\u00c8': 'ẩ', '\u00c9': 'ẫ', '\u00cb': 'ậ',
  '\u00ae': 'đ',
  '\u00cc': 'è', '\u00d0': 'é', '\u00ce': 'ẻ', '\u00cf': 'ẽ', '\u00d1': 'ẹ',
  '\u00aa': 'ê', '\u00d2': 'ề', '\u00d5': 'ế', '\u00d3': 'ể', '\u00d4': 'ễ', '\u00d6': 'ệ',
  '\u00d7': 'ì', '\u00dd': 'í', '\u00d8': 'ỉ', '\u00dc': 'ĩ', '\u00de': 'ị',
  '\u00df': 'ò', '\u00e3': 'ó', '\u00e1': 'ỏ', '\u00e2': 'õ', '\u00e4': 'ọ',
  '\u00ab': 'ô', '\u00e5': 'ồ', '\u00e8': 'ố', '\u00e6': 'ổ', '\u00e7': 'ỗ', '\u00e9': 'ộ',
  '\u00ac': 'ơ', '\u00ea': 'ờ', '\u00ed': 'ớ', '\u00eb': 'ở', '\u00ec': 'ỡ', '\u00ee': 'ợ',
  '\u00ef': 'ù', '\u00f3': 'ú', '\u00f1': 'ủ', '\u00f2': 'ũ', '\u00f4': 'ụ',
  '\u00ad': 'ư', '\u00f5': 'ừ', '\u00f8': 'ứ', '\u00f6': 'ử', '\u00f7': 'ữ', '\u00f9': 'ự',
  '\u00fa': 'ỳ', '\u00fd': 'ý', '\u00fb': 'ỷ', '\u00fc': 'ỹ', '\u00fe': 'ỵ',
  '\u00a1': 'Ă', '\u00a2': 'Â', '\u00a7': 'Đ', '\u00a3': 'Ê', '\u00a4': 'Ô', '\u00a5': 'Ơ', '\u00a6': 'Ư',
};

const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRC = '\u0302';
const BREVE = '\u0306';

/** VNI: a base letter followed by a mark byte (lower-case marks; the capital marks are their upper-case forms). */
const VNI_TONE: Record<string, string> = { ù: ACUTE, ø: GRAVE, û: HOOK, õ: TILDE, ï: DOT };
const VNI_CIRC: Record<string, string> = { â: '', á: ACUTE, à: GRAVE, å: HOOK, ã: TILDE, ä: DOT };
const VNI_BREVE: Record<string, string> = { ê: '', é: ACUTE, è: GRAVE, ú: HOOK, ü: TILDE, ë: DOT };
/** Letters VNI types as one byte: ư ơ đ and i with its tones. */
const VNI_SINGLE: Record<string, string> = { ö: 'ư', ô: 'ơ', ñ: 'đ', í: 'í', ì: 'ì', æ: 'ỉ', ó: 'ĩ', ò: 'ị' };

function lowerMap(m: Record<string, string>, ch: string): string | undefined {
  const lower = ch.toLowerCase();
  return lower in m ? m[lower] : undefined;
}

export function convertVni(text: string): string {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    const upper = ch !== ch.toLowerCase();
    const single = lowerMap(VNI_SINGLE, ch);
    if (single !== undefined) {
      let base = upper ? single.toUpperCase() : single;
      const tone = next !== undefined && (base === 'ư' || base === 'ơ' || base === 'Ư' || base === 'Ơ') ? lowerMap(VNI_TONE, next) : undefined;
      if (tone !== undefined) {
        base += tone;
        i++;
      }
      out += base;
      continue;
    }
    if (next !== undefined && /[aeiouyAEIOUY]/.test(ch)) {
      const low = ch.toLowerCase();
      const tone = lowerMap(VNI_TONE, next);
      const circ = low === 'a' || low === 'e' || low === 'o' ? lowerMap(VNI_CIRC, next) : undefined;
      const breve = low === 'a' ? lowerMap(VNI_BREVE, next) : undefined;
      if (tone !== undefined) {
        out += ch + tone;
        i++;
        continue;
      }
      if (circ !== undefined) {
        out += ch + CIRC + circ;
        i++;
        continue;
      }
      if (breve !== undefined) {
        out += ch + BREVE + breve;
        i++;
        continue;
      }
    }
    out += ch;
  }
  return out.normalize('NFC');
}

export function convertTcvn3(text: string): string {
  let out = '';
  for (const ch of text) out += TCVN3[ch] ?? ch;
  return out.normalize('NFC');
}

export type LegacyEncoding = 'tcvn3' | 'vni';

/** Letters only Unicode Vietnamese has (never produced by a Latin-1 reading of a legacy font). */
const UNICODE_VI = /[ăđơưĂĐƠƯ\u1ea0-\u1ef9]|\p{M}/gu;
const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/**
 * Which legacy font the sheet's text was typed in, if any: the text holds (almost) no letter only Unicode
 * Vietnamese has, and one of the conversions produces many of them. `null` for Unicode (or plain ASCII) text.
 */
export function detectLegacyEncoding(texts: readonly string[]): LegacyEncoding | null {
  const all = texts.join('\n');
  const unicode = count(all, UNICODE_VI);
  const tcvn = count(convertTcvn3(all), UNICODE_VI) - unicode;
  const vni = count(convertVni(all), UNICODE_VI) - unicode;
  const best = Math.max(tcvn, vni);
  if (best < 3 || unicode > best / 10) return null;
  return tcvn >= vni ? 'tcvn3' : 'vni';
}

/**
 * One cell typed in TCVN3 inside a sheet otherwise in Unicode (a Unicode header over data typed with the old
 * font): it holds TCVN3-only codes (¡–¿ never occur in Vietnamese Unicode text), no Unicode-only letter, and
 * converts to Vietnamese. VNI is not guessed cell by cell: "hoà" would read as VNI too.
 */
export function tcvn3Cell(text: string): string | null {
  if (!/[\u00a1-\u00bf]/.test(text) || count(text, UNICODE_VI) > 0) return null;
  const out = convertTcvn3(text);
  return count(out, UNICODE_VI) >= 2 ? out : null;
}

export function convertLegacy(text: string, enc: LegacyEncoding): string {
  return enc === 'tcvn3' ? convertTcvn3(text) : convertVni(text);
}

export const LEGACY_LABELS: Record<LegacyEncoding, string> = { tcvn3: 'TCVN3 (ABC, phông .Vn)', vni: 'VNI (phông VNI-)' };
