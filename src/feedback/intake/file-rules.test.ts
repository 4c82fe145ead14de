/** File rules of the intake: legacy DOC/XLS recognised only on request, zip bombs refused from the central directory. */
import { describe, expect, it } from 'vitest';
import { inspectZip, LEGACY_OFFICE_TYPES, sniffType } from '../../platform/files/sniff';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ole = (stream: string) => Buffer.concat([Buffer.from(OLE), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]);

/** A zip with a central directory declaring the given sizes. */
function zip(entries: { name: string; compressed: number; uncompressed: number }[]) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(name.length, 26);
    const local = Buffer.concat([lh, name, Buffer.alloc(e.compressed, 1)]);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt32LE(e.compressed, 20);
    ch.writeUInt32LE(e.uncompressed, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    centrals.push(Buffer.concat([ch, name]));
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

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
