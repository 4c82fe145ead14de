/**
 * What an upload check needs to know about a PDF without rendering it: where it ends (`%%EOF`)
 * and whether its objects ask a viewer to run something — JavaScript, a launched program,
 * embedded files or rich media. Object dictionaries are read from the file's text outside stream
 * data and from compressed object streams (PDF 1.5+), so active content cannot hide in either; an
 * object stream that cannot be read is reported, not ignored. Image and font data are skipped:
 * their bytes would match short names such as `/JS` by chance.
 */
import zlib from 'node:zlib';

/** Dictionary keys and types that make a viewer act (PDF 32000-1, §12.6 actions, §7.11.4 embedded files, §13.6 rich media). */
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia']);
/** an object stream holds dictionaries, so its inflated text is small; a larger one is refused as unreadable */
const MAX_OBJECT_STREAM_BYTES = 8 * 1024 * 1024;
/** all object streams of one file together */
const MAX_OBJECT_STREAMS_TOTAL = 32 * 1024 * 1024;

/** The offset just past the last `%%EOF` marker, or -1 when there is none. */
export function pdfEnd(buf: Buffer): number {
  const at = buf.lastIndexOf('%%EOF', undefined, 'latin1');
  return at < 0 ? -1 : at + 5;
}

/** Names in PDF syntax, with `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`). */
function hasActiveName(text: string): boolean {
  for (const m of text.matchAll(/\/([^\s\0/[\]<>(){}%]+)/g)) {
    let name = m[1];
    if (name.includes('#')) name = name.replace(/#([0-9A-Fa-f]{2})/g, (_all, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    if (ACTIVE_NAMES.has(name)) return true;
  }
  return false;
}

/** Inflated text of an object stream, or null when it cannot be read (another filter, a predictor, bad data). */
function objectStreamText(dictionary: string, data: Buffer): string | null {
  const filters = dictionary.match(/\/Filter\s*(\[[^\]]*\]|\/\w+)/)?.[1].match(/\/\w+/g) ?? [];
  if (filters.length === 0) return data.toString('latin1');
  if (filters.length !== 1 || filters[0] !== '/FlateDecode' || /\/Predictor\s+(?:[2-9]|\d\d)/.test(dictionary)) return null;
  try {
    return zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: MAX_OBJECT_STREAM_BYTES }).toString('latin1');
  } catch {
    return null;
  }
}

/**
 * 'active' when the PDF declares JavaScript, launch actions, embedded files or rich media;
 * 'unreadable' when an object stream cannot be read, so its dictionaries cannot be checked.
 */
export function pdfActiveContent(buf: Buffer): 'active' | 'unreadable' | null {
  const text = buf.toString('latin1');
  const streamStart = /(?<!end)stream(?:\r\n|\n|\r)/g;
  let outside = 0;
  let inflated = 0;
  for (let m = streamStart.exec(text); m; m = streamStart.exec(text)) {
    const dataStart = m.index + m[0].length;
    const dictionary = text.slice(Math.max(outside, text.lastIndexOf(' obj', m.index)), m.index);
    if (hasActiveName(text.slice(outside, m.index))) return 'active';
    const declared = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    const byLength = declared ? dataStart + Number(declared[1]) : -1;
    const dataEnd = byLength >= 0 && /^\s*endstream/.test(text.slice(byLength, byLength + 20)) ? byLength : text.indexOf('endstream', dataStart);
    if (dataEnd < 0) return hasActiveName(text.slice(dataStart)) ? 'active' : null;
    if (/\/Type\s*\/ObjStm/.test(dictionary)) {
      const objects = objectStreamText(dictionary, buf.subarray(dataStart, dataEnd));
      if (objects === null) return 'unreadable';
      inflated += objects.length;
      if (inflated > MAX_OBJECT_STREAMS_TOTAL) return 'unreadable';
      if (hasActiveName(objects)) return 'active';
    }
    outside = dataEnd;
    streamStart.lastIndex = dataEnd;
  }
  return hasActiveName(text.slice(outside)) ? 'active' : null;
}
