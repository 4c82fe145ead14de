/** CSV reading shared by the reference seed and task import: RFC 4180 plus the ';' files Excel writes in Vietnamese locales. */

/** Minimal RFC 4180 CSV reader (BOM, quotes, doubled quotes, embedded newlines) → rows of cells. */
export function readCsvRows(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Excel in Vietnamese locales writes ';' separated files: decide from the header line.
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Header-keyed rows, NFC-normalised, blank lines skipped. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...body] = readCsvRows(text).filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h.normalize('NFC'), (cells[i] ?? '').normalize('NFC')])));
}
