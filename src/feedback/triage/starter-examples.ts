/**
 * The starter set: labelled PAKN examples written for this project (starter-examples.csv: kind,
 * topic, agency, title, content), so the classifier is useful before any officer has triaged a
 * case. Every fifth example (by a hash of its folded text, so the split never changes when rows
 * are added or reordered) is held out from training and used only to measure accuracy.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../platform/text/csv';
import { foldText, normalizeText } from '../../platform/text/fold';
import { SUBMISSION_KINDS, type SubmissionKind } from '../schema';

export interface StarterExample {
  title: string;
  content: string;
  kind: SubmissionKind;
  topicCode: string;
  agencyCode: string;
  heldOut: boolean;
}

export const STARTER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'starter-examples.csv');

/** Deterministic ~20 % split: first 4 bytes of SHA-1 of the folded title and content, mod 5 = 0. */
export function isHeldOut(title: string, content: string): boolean {
  const digest = createHash('sha1').update(foldText(`${title} ${content}`)).digest();
  return digest.readUInt32BE(0) % 5 === 0;
}

export function loadStarterExamples(file = STARTER_FILE): StarterExample[] {
  return parseCsv(fs.readFileSync(file, 'utf8')).map((r, i) => {
    if (!SUBMISSION_KINDS.includes(r.kind as SubmissionKind)) throw new Error(`starter-examples.csv dòng ${i + 2}: loại không hợp lệ ${r.kind}`);
    const title = normalizeText(r.title);
    const content = normalizeText(r.content);
    return {
      title,
      content,
      kind: r.kind as SubmissionKind,
      topicCode: r.topic.trim(),
      agencyCode: r.agency.trim(),
      heldOut: isHeldOut(title, content),
    };
  });
}
