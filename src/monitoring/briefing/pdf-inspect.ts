/**
 * Reads back what a pdfkit PDF shows, for tests: the embedded fonts and, per page, the text as
 * decoded through each font's ToUnicode CMap (the same mapping a reader uses to copy or search
 * text). Handles the subset of PDF that pdfkit writes (Flate streams, Type0 fonts, Tf/Tj/TJ).
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const body = m[2];
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = m.index + m[0].indexOf(body) + at + body.slice(at).match(/^stream\r?\n/)![0].length;
    const end = s.indexOf('endstream', start);
    let raw = Buffer.from(s.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
    if (/\/FlateDecode/.test(dict)) raw = inflateSync(raw);
    out.set(Number(m[1]), { dict, stream: raw });
  }
  return out;
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
    for (const m of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(Number.parseInt(m[1], 16), utf16(m[2]));
  }
  for (const block of text.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
    for (const m of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = Number.parseInt(m[1], 16);
      const hi = Number.parseInt(m[2], 16);
      if (m[3].startsWith('[')) {
        const items = [...m[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]);
        items.forEach((h, i) => {
          if (lo + i <= hi) map.set(lo + i, utf16(h));
        });
      } else {
        const base = Number.parseInt(m[3].slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
      }
    }
  }
  return map;
}

export interface PdfInspection {
  pageCount: number;
  /** BaseFont names of the fonts with an embedded font program */
  embeddedFonts: string[];
  /** the text of each page, decoded through ToUnicode */
  pages: string[];
}

export function inspectPdf(pdf: Buffer): PdfInspection {
  const objs = objects(pdf);
  const ref = (dict: string, key: string) => {
    const m = dict.match(new RegExp(`/${key}\\s+(\\d+) 0 R`));
    return m ? Number(m[1]) : null;
  };
  const embeddedFonts: string[] = [];
  const cmaps = new Map<number, Map<number, string>>();
  for (const [num, o] of objs) {
    if (!/\/Type\s*\/Font\b/.test(o.dict)) continue;
    const toUnicode = ref(o.dict, 'ToUnicode');
    if (toUnicode !== null) cmaps.set(num, parseCmap(objs.get(toUnicode)?.stream?.toString('latin1') ?? ''));
    const descendants = o.dict.match(/\/DescendantFonts\s*\[\s*(\d+) 0 R/);
    const cid = descendants ? objs.get(Number(descendants[1])) : null;
    const descriptorNum = cid ? ref(cid.dict, 'FontDescriptor') : null;
    const descriptor = descriptorNum !== null ? objs.get(descriptorNum) : null;
    if (descriptor && /\/FontFile[23]?\s+\d+ 0 R/.test(descriptor.dict)) embeddedFonts.push(o.dict.match(/\/BaseFont\s*\/([^\s/>]+)/)?.[1] ?? '?');
  }
  const pages: string[] = [];
  for (const [, o] of objs) {
    if (!/\/Type\s*\/Page\b/.test(o.dict)) continue;
    const resNum = ref(o.dict, 'Resources');
    const resDict = resNum !== null ? (objs.get(resNum)?.dict ?? '') : o.dict;
    const fontDict = resDict.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)].map((m) => [m[1], Number(m[2])]));
    const contents = ref(o.dict, 'Contents');
    const content = contents !== null ? (objs.get(contents)?.stream?.toString('latin1') ?? '') : '';
    let cmap = new Map<number, string>();
    let text = '';
    const decode = (hex: string) => {
      for (let i = 0; i + 4 <= hex.length; i += 4) text += cmap.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
    };
    // runs drawn on the same baseline join up; a new baseline starts a new line
    let lineY: string | null = null;
    const ops = /\/([^\s/]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+([\d.-]+)\s+Tm/g;
    for (let m = ops.exec(content); m; m = ops.exec(content)) {
      if (m[1]) cmap = cmaps.get(fonts.get(m[1]) ?? -1) ?? new Map();
      else if (m[2] !== undefined) for (const h of m[2].matchAll(/<([0-9a-fA-F]*)>/g)) decode(h[1]);
      else if (m[3] !== undefined) decode(m[3]);
      else if (m[4] !== undefined) {
        if (lineY !== null && m[4] !== lineY) text += '\n';
        lineY = m[4];
      }
    }
    pages.push(text);
  }
  return { pageCount: pages.length, embeddedFonts, pages };
}
