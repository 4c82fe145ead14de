/**
 * CSV writing for Excel users (RFC 4180, CRLF, UTF-8 with BOM) that cannot be turned against
 * them: a text cell starting with =, +, -, @, tab or carriage return would run as a formula in a
 * spreadsheet, so it is written behind an apostrophe. Reading undoes exactly that prefix, so an
 * export imported again gives back the same text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets. */
export function neutraliseFormula(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** Undoes `neutraliseFormula` on import. */
export function restoreFormulaText(v: string): string {
  return v.length > 1 && v[0] === "'" && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

/** One RFC 4180 field, quoted when it needs to be. */
export function csvQuote(v: string): string {
  return /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export type CsvCell = string | number | null | undefined;

/** One line; strings are neutralised, numbers written as they are (a negative number is not a formula). */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map((c) => (c == null ? '' : typeof c === 'number' ? String(c) : csvQuote(neutraliseFormula(c)))).join(',');
}

/** A whole document: BOM, header, rows, CRLF line ends. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[csvLine(header), ...rows.map(csvLine)].join('\r\n')}\r\n`;
}
