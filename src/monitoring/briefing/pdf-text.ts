/**
 * Vietnamese text in PDFs with the self-hosted Be Vietnam Pro: @fontsource ships the font split
 * into unicode-range subsets (latin, vietnamese), so each string is cut into runs by the subset
 * that holds each character, and a tiny layout engine measures, wraps and draws those runs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const FONT_DIR = path.join(path.dirname(require.resolve('@fontsource/be-vietnam-pro/unicode.json')), 'files');

type Ranges = [number, number][];
function parseRanges(spec: string): Ranges {
  return spec.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(a, 16), Number.parseInt(b ?? a, 16)];
  });
}
const UNICODE = JSON.parse(readFileSync(path.join(path.dirname(FONT_DIR), 'unicode.json'), 'utf8')) as Record<string, string>;
const VIETNAMESE = parseRanges(UNICODE.vietnamese);
const LATIN_EXT = parseRanges(UNICODE['latin-ext']);
const LATIN = parseRanges(UNICODE.latin);
const inRanges = (cp: number, r: Ranges) => r.some(([a, b]) => cp >= a && cp <= b);

export type Subset = 'latin' | 'latin-ext' | 'vietnamese';
export type Weight = 400 | 700;
export const SUBSETS: Subset[] = ['latin', 'latin-ext', 'vietnamese'];

/** The subset file that draws the code point (latin when none does: it has the replacement glyph). */
export function subsetFor(cp: number): Subset {
  if (inRanges(cp, LATIN)) return 'latin';
  if (inRanges(cp, VIETNAMESE)) return 'vietnamese';
  if (inRanges(cp, LATIN_EXT)) return 'latin-ext';
  return 'latin';
}

export interface Run {
  subset: Subset;
  text: string;
}

/** NFC text cut into runs of one subset each. */
export function splitRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const ch of text.normalize('NFC')) {
    const subset = subsetFor(ch.codePointAt(0)!);
    const last = runs[runs.length - 1];
    if (last && last.subset === subset) last.text += ch;
    else runs.push({ subset, text: ch });
  }
  return runs;
}

export const fontName = (subset: Subset, weight: Weight) => `bvp-${subset}-${weight}`;
export const fontFile = (subset: Subset, weight: Weight) => path.join(FONT_DIR, `be-vietnam-pro-${subset}-${weight}-normal.woff`);

/** The parts of a pdfkit document the layout needs. */
export interface TextSurface {
  registerFont(name: string, src: string): unknown;
  font(name: string): unknown;
  fontSize(size: number): unknown;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options?: { lineBreak?: boolean }): unknown;
}

export function registerFonts(doc: TextSurface) {
  for (const subset of SUBSETS) for (const weight of [400, 700] as const) doc.registerFont(fontName(subset, weight), fontFile(subset, weight));
}

export interface TextStyle {
  size: number;
  weight: Weight;
}

export function measure(doc: TextSurface, text: string, style: TextStyle): number {
  let w = 0;
  for (const r of splitRuns(text)) {
    doc.font(fontName(r.subset, style.weight));
    doc.fontSize(style.size);
    w += doc.widthOfString(r.text);
  }
  return w;
}

/** Greedy word wrap to `width`; words longer than a line are cut by characters. */
export function wrap(doc: TextSurface, text: string, width: number, style: TextStyle): string[] {
  const lines: string[] = [];
  for (const paragraph of text.normalize('NFC').split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(doc, candidate, style) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (measure(doc, rest, style) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(doc, rest.slice(0, cut), style) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Draws one line at (x, y), switching subset fonts run by run. */
export function drawLine(doc: TextSurface, text: string, x: number, y: number, style: TextStyle) {
  let cx = x;
  for (const r of splitRuns(text)) {
    doc.font(fontName(r.subset, style.weight));
    doc.fontSize(style.size);
    doc.text(r.text, cx, y, { lineBreak: false });
    cx += doc.widthOfString(r.text);
  }
}
