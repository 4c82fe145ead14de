/** File rules of the intake: legacy DOC/XLS recognised only on request, zip bombs refused from the central directory. */
import { describe, expect, it } from 'vitest';
import { zipArchive } from '../../../test/support/hostile-files';
import { inspectZip, LEGACY_OFFICE_TYPES, sniffType } from '../../platform/files/sniff';

/** A zip whose central directory declares the given sizes for filler bytes. */
const zip = (entries: { name: string; compressed: number; uncompressed: number }[]) =>
  zipArchive(entries.map((e) => ({ name: e.name, data: Buffer.alloc(e.compressed, 1), stored: true, declaredSize: e.uncompressed })));

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ole = (stream: string) => Buffer.concat([Buffer.from(OLE), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]);


describe('legacy Office sniffing', () => {
  it('recognises DOC and XLS only when asked, and nothing else with an OLE2 header', () => {
    expect(sniffType(ole('WordDocument'), { legacyOffice: true })).toBe(LEGACY_OFFICE_TYPES.doc);
    expect(sniffType(ole('Workbook'), { legacyOffice: true })).toBe(LEGACY_OFFICE_TYPES.xls);
    expect(sniffType(ole('PowerPoint Document'), { legacyOffice: true })).toBeNull();
    expect(sniffType(ole('WordDocument'))).toBeNull();
  });
});

describe('inspectZip', () => {
  it('accepts an ordinary document', () => {
    expect(inspectZip(zip([{ name: 'word/document.xml', compressed: 2_000, uncompressed: 12_000 }]))).toMatchObject({ ok: true, entries: 1, uncompressed: 12_000 });
  });
  it('refuses more than 100 MB declared, a ratio over 100, too many entries, and no directory', () => {
    expect(inspectZip(zip([{ name: 'word/a.xml', compressed: 5_000, uncompressed: 101 * 1024 * 1024 }])).reason).toBe('too_large');
    expect(inspectZip(zip([{ name: 'word/a.xml', compressed: 1_000, uncompressed: 1_000 * 200 }])).reason).toBe('ratio');
    const many = Array.from({ length: 1_001 }, (_, i) => ({ name: `word/${i}.xml`, compressed: 1, uncompressed: 1 }));
    expect(inspectZip(zip(many)).reason).toBe('too_many_entries');
    expect(inspectZip(Buffer.from('PK\x03\x04 no directory here', 'latin1')).reason).toBe('no_directory');
  });
});
