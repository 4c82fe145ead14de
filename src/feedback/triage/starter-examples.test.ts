/** The starter set is complete and consistent with the reference data it names. */
import { describe, expect, it } from 'vitest';
import { buildOrgTree } from '../../seed/build-org-tree';
import { readReferenceCsv } from '../../seed/reference-data';
import { foldText } from '../../platform/text/fold';
import { SUBMISSION_KINDS } from '../schema';
import { isHeldOut, loadStarterExamples } from './starter-examples';

const examples = loadStarterExamples();

describe('starter examples', () => {
  it('has at least 320 distinct examples covering every topic and kind', () => {
    expect(examples.length).toBeGreaterThanOrEqual(320);
    expect(new Set(examples.map((e) => e.title)).size).toBe(examples.length);
    const topics = readReferenceCsv('pakn-topics.csv').map((r) => r.code);
    for (const topic of topics) expect(examples.filter((e) => e.topicCode === topic).length, topic).toBeGreaterThanOrEqual(15);
    for (const kind of SUBMISSION_KINDS) expect(examples.filter((e) => e.kind === kind).length, kind).toBeGreaterThanOrEqual(40);
    expect(new Set(examples.map((e) => e.topicCode))).toEqual(new Set(topics));
  });

  it('names only units of the organisation tree, ministries and provincial UBND alike', () => {
    const codes = new Set(buildOrgTree().units.map((u) => u.code));
    for (const e of examples) expect(codes.has(e.agencyCode), e.agencyCode).toBe(true);
    expect(examples.some((e) => /^\d{2}\.UBND$/.test(e.agencyCode))).toBe(true);
  });

  it('is NFC text, some of it typed without diacritics, within the API limits', () => {
    for (const e of examples) {
      expect(e.title.normalize('NFC')).toBe(e.title);
      expect(e.content.normalize('NFC')).toBe(e.content);
      expect(e.title.length).toBeLessThanOrEqual(200);
      expect(e.content.length).toBeGreaterThan(20);
    }
    const plain = examples.filter((e) => foldText(e.content) === e.content.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
    expect(plain.length).toBeGreaterThanOrEqual(30);
  });

  it('holds out about a fifth, deterministically', () => {
    const held = examples.filter((e) => e.heldOut).length;
    expect(held / examples.length).toBeGreaterThan(0.14);
    expect(held / examples.length).toBeLessThan(0.26);
    for (const e of examples) expect(isHeldOut(e.title, e.content)).toBe(e.heldOut);
    // the split depends on the folded text only: typing without diacritics does not move an example
    const e = examples[0]!;
    expect(isHeldOut(foldText(e.title), foldText(e.content))).toBe(e.heldOut);
  });
});
