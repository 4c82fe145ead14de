/** Locates and reads the reference data files kept in `reference-data/`. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv';

export const REFERENCE_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference-data');

export function readReferenceCsv(name: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(REFERENCE_DATA_DIR, name), 'utf8'));
}

export function readReferenceJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DATA_DIR, name), 'utf8').normalize('NFC')) as T;
}

export const emptyToNull = (s: string | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());
/**
 * 'BKHCN;ALL_PROVINCES;PROV_24' → ['BKHCN', 'ALL_PROVINCES', '24']: the task list names single
 * provinces as PROV_<provinces.csv code> (SOURCES.md §4), which are unit codes in the tree.
 */
export const splitCodes = (s: string | undefined): string[] =>
  (s ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => (/^PROV_\d{2}$/.test(c) ? c.slice(5) : c));
