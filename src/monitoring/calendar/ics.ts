/** iCalendar (RFC 5545) text: value escaping, line folding at 75 octets, CRLF line ends. */

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line so that no line is longer than 75 octets (UTF-8), never splitting a
 * character; continuation lines start with one space, which counts toward their 75 octets.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** 'YYYY-MM-DD' → 'YYYYMMDD' */
export const icsDate = (date: string) => date.replace(/-/g, '');

/** A Date → 'YYYYMMDDTHHMMSSZ' */
export const icsStamp = (d: Date) => `${d.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** Joins [name, value] content lines (values already escaped where TEXT) into a folded document. */
export function icsDocument(lines: [string, string][]): string {
  return `${lines.map(([name, value]) => foldLine(`${name}:${value}`)).join('\r\n')}\r\n`;
}
