/**
 * Content rules for what the public sends: Vietnamese text (with or without diacritics), no
 * insults, no state-secret markings. Pure functions (no database) so they are unit tested; the
 * duplicate rule, which needs the database, lives in `find-duplicate.ts`.
 */
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { foldText } from '../../platform/text/fold';

/** Letters only Vietnamese uses (after NFC): ă â đ ê ô ơ ư and every vowel carrying a tone mark. */
const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/giu;

/**
 * One Vietnamese syllable after folding: an optional onset, a vowel nucleus of one to three
 * letters and an optional final consonant. English words mostly fail it ("service", "is", "and").
 */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;

/** Frequent Vietnamese words (folded) that are not also frequent English words. */
const COMMON_WORDS = new Set(
  (
    'va cua la khong duoc co cho nguoi dan cac nhung voi trong da bi tai ve nay de thi khi cong dich vu ' +
    'chung toi ban tren duoi sau truoc hay nhieu rat cung nhu neu vi nen theo tu den lam viec can phai ' +
    'mot hai ba nam ngay thang gio nao gi sao the nao dang se chua roi van con hon it xin de nghi kien ' +
    'phan anh giai phap sang kien so du lieu he thong quan ly nha nuoc tinh thanh pho xa phuong ho so ' +
    'thu tuc chuyen doi khoa hoc cong nghe doanh nghiep can bo chinh quyen loi mang internet nop giay ' +
    'cap phep kho khan vuong mac tiep nhan xu ly tra loi dien thoai ung dung tren dia ban hien nay'
  ).split(' '),
);

/**
 * The forms of one text the rules look at, each made once: NFC, its lower-case words and its
 * folded words (both space-padded, so a whole word or phrase is found with one `includes`).
 */
interface TextForms {
  nfc: string;
  /** folded, unpadded */
  folded: string;
  foldedPadded: string;
  wordsPadded: string;
}

function formsOf(input: string): TextForms {
  const nfc = input.normalize('NFC');
  const folded = foldText(nfc);
  return { nfc, folded, foldedPadded: ` ${folded} `, wordsPadded: ` ${nfc.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} ` };
}

function scoreOf(nfc: string, folded: string): { tokens: number; syllableShare: number; commonHits: number; diacritics: number } {
  const diacritics = (nfc.match(VIETNAMESE_LETTERS) ?? []).length;
  let tokens = 0;
  let syllables = 0;
  let commonHits = 0;
  for (const w of folded.split(' ')) {
    if (!/^[a-z]+$/.test(w)) continue;
    tokens++;
    if (SYLLABLE.test(w)) syllables++;
    if (COMMON_WORDS.has(w)) commonHits++;
  }
  return { tokens, syllableShare: tokens ? syllables / tokens : 0, commonHits, diacritics };
}

/** Share of word tokens that look like Vietnamese syllables, and whether typical words occur. */
export function vietnameseScore(input: string): { tokens: number; syllableShare: number; commonHits: number; diacritics: number } {
  const nfc = input.normalize('NFC');
  return scoreOf(nfc, foldText(nfc));
}

function looksVietnamese(s: ReturnType<typeof scoreOf>): boolean {
  if (s.tokens === 0) return false;
  if (s.syllableShare < 0.5) return false;
  const needed = Math.min(2, s.tokens);
  return s.commonHits >= needed || s.diacritics >= Math.max(2, Math.ceil(s.tokens * 0.2));
}

/**
 * Vietnamese, typed with or without diacritics: most words are Vietnamese syllables and either
 * Vietnamese letters or common Vietnamese words are present. "dich vu cong bi loi" passes;
 * English and keyboard gibberish fail.
 */
export function isVietnamese(input: string): boolean {
  return looksVietnamese(vietnameseScore(input));
}

/** Insults as folded whole-word phrases (unambiguous without diacritics). */
const INSULT_PHRASES = [
  'dit me',
  'dit con me',
  'du ma',
  'du me',
  'dcm',
  'dmm',
  'dm may',
  'vcl',
  'vkl',
  'clgt',
  'oc cho',
  'mat day',
  'khon nan',
  'thang ngu',
  'con ngu',
  'do ngu',
  'ngu nhu bo',
  'ngu nhu cho',
  'do cho',
  'lu an hai',
  'do mat day',
  'chet tiet',
  'do khon',
];
/** Insults that only mean something with their diacritics (folding would hit innocent words). */
const INSULT_WORDS_EXACT = ['lồn', 'đéo', 'đĩ', 'cặc', 'buồi', 'đụ', 'địt', 'chó má', 'súc vật'];

function insultIn(f: TextForms): boolean {
  return INSULT_PHRASES.some((p) => f.foldedPadded.includes(` ${p} `)) || INSULT_WORDS_EXACT.some((w) => f.wordsPadded.includes(` ${w} `));
}

export function containsInsult(input: string): boolean {
  return insultIn(formsOf(input));
}

function classifiedMarkingIn(f: TextForms): boolean {
  const { nfc, wordsPadded } = f;
  if (wordsPadded.includes(' tuyệt mật ') || wordsPadded.includes(' tối mật ') || wordsPadded.includes(' độ mật ')) return true;
  if (f.foldedPadded.includes(' tuyet mat ')) return true;
  // "MẬT" in capitals as a word, as stamped on documents
  if (/(^|[^\p{L}])MẬT([^\p{L}]|$)/u.test(nfc)) return true;
  // "Mật" alone on a line, or in brackets: (Mật), [MẬT]
  if (/(^|\n)\s*[([«"]?\s*mật\s*[)\]»"]?\s*(\n|$)/iu.test(nfc) || /[([]\s*mật\s*[)\]]/iu.test(nfc)) return true;
  return false;
}

/**
 * State-secret markings: "tuyệt mật", "tối mật" (with diacritics: without them "toi mat" is also
 * "tôi mất"), the folded "tuyet mat", "độ mật", and "MẬT" standing alone as a stamp.
 */
export function containsClassifiedMarking(input: string): boolean {
  return classifiedMarkingIn(formsOf(input));
}

/** The content rules for a submission's text fields: field → Vietnamese message, empty when fine. */
export function checkContent(fields: { title?: string; content?: string; [k: string]: string | undefined }): FieldErrors {
  const errors: FieldErrors = {};
  const forms = new Map<string, TextForms>();
  for (const [name, value] of Object.entries(fields)) if (value) forms.set(name, formsOf(value));
  const title = forms.get('title');
  const content = forms.get('content');
  if (title || content) {
    // the two fields read as one text: folding joins them at a space either way
    const nfc = [title?.nfc, content?.nfc].filter((x) => x != null).join(' ');
    const folded = [title?.folded, content?.folded].filter((x) => x).join(' ');
    if (!looksVietnamese(scoreOf(nfc, folded))) errors.content = t('intake.error.notVietnamese');
  }
  for (const [name, f] of forms) {
    if (insultIn(f)) errors[name] ??= t('intake.error.insult');
    else if (classifiedMarkingIn(f)) errors[name] ??= t('intake.error.classified');
  }
  return errors;
}

/** Words of a folded text as a set, for the near-duplicate comparison. */
function wordSet(folded: string): Set<string> {
  return new Set(folded.split(' ').filter(Boolean));
}

/** Jaccard similarity of two folded texts' word sets (1 = same words). */
export function nearIdentity(a: string, b: string): number {
  const x = wordSet(foldText(a));
  const y = wordSet(foldText(b));
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Near-identical: the same words, give or take a few (typos, punctuation, diacritics). */
export const DUPLICATE_THRESHOLD = 0.9;
