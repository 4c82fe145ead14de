/**
 * Files for upload tests, built in code: sound ones (a real zip-based DOCX, a minimal PDF with a
 * cross-reference table, PNG/JPEG made with sharp) and hostile ones — each made the way an attacker
 * would, small enough to send many times in one test.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { crc32 } from '../../src/platform/files/image-structure';

export interface ZipPart {
  name: string;
  data: Buffer;
  /** keep the bytes as they are (method 0) instead of deflating them */
  stored?: boolean;
  /** the uncompressed size to declare (a lying directory); the real one by default */
  declaredSize?: number;
}

/** A zip archive: local headers, data, central directory and end record, as Office writes them. */
export function zipArchive(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const data = part.stored ? part.data : zlib.deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(part.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(part.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** The parts of a one-paragraph Word document. */
export function docxParts(text = 'Báo cáo kết quả thực hiện Nghị quyết 57'): ZipPart[] {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
  return [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: Buffer.from(document) },
  ];
}

export const minimalDocx = (text?: string) => zipArchive(docxParts(text));

/** A PDF with the given object bodies (numbered from 1, the first is the catalogue), an xref table and %%EOF. */
export function pdfWithObjects(objects: string[], trailerExtra = ''): Buffer {
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** One empty A4 page. */
export function minimalPdf(catalogueExtra = ''): Buffer {
  return pdfWithObjects([`<< /Type /Catalog /Pages 2 0 R${catalogueExtra} >>`, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']);
}

/** A stream object whose data is the deflated `text`. */
export function flateStream(dictionary: string, text: string): string {
  const data = zlib.deflateSync(Buffer.from(text, 'latin1'));
  return `<< ${dictionary} /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

export const smallPng = (background = '#2a6ebb') => sharp({ create: { width: 24, height: 16, channels: 3, background } }).png().toBuffer();
export const smallJpeg = (background = '#c0392b') => sharp({ create: { width: 32, height: 24, channels: 3, background } }).jpeg().toBuffer();

/** A PNG chunk with its length and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A structurally sound PNG declaring `width`×`height` whose image data is `idat`. */
export function pngDeclaring(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A JPEG with a marker segment inserted right after SOI. */
export function jpegWithSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

/** An OLE2 compound file header with one directory name (WordDocument, Workbook, _VBA_PROJECT …). */
export function oleFile(...streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  return Buffer.concat([header, ...streams.map((s) => Buffer.concat([Buffer.from(s, 'utf16le'), Buffer.alloc(64 - Buffer.byteLength(s, 'utf16le'))]))]);
}

export interface HostileFile {
  label: string;
  fileName: string;
  content: Buffer;
  /** the kind the bytes claim, to tell which upload paths take it at all */
  kind: 'pdf' | 'png' | 'jpeg' | 'docx' | 'doc' | 'text' | 'none';
  /** a phrase of the refusal message, on a path that takes the kind */
  phrase: string;
  /** refused by its name, before its bytes are looked at: the same message on every path */
  byName?: boolean;
}

/** The hostile set: one of every refusal the inspection makes. */
export async function hostileFiles(): Promise<HostileFile[]> {
  const png = await smallPng('#117a65');
  const jpeg = await smallJpeg('#7d3c98');
  const zip = zipArchive([{ name: 'payload.txt', data: Buffer.from('hidden') }]);
  const bombData = Buffer.alloc(2 * 1024 * 1024);
  return [
    { label: 'an executable named .pdf', fileName: 'hoa-don.pdf', content: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.alloc(200)]), kind: 'none', phrase: '' },
    { label: 'a script name', fileName: 'cai-dat.bat', content: Buffer.from('@echo off\r\ndel /q C:\\*\r\n'), kind: 'text', phrase: 'đuôi của chương trình, tập lệnh hoặc trang web', byName: true },
    { label: 'a PNG declaring 100,000 × 100,000 pixels', fileName: 'anh-khong-lo.png', content: pngDeclaring(100_000, 100_000, zlib.deflateSync(Buffer.alloc(64))), kind: 'png', phrase: 'triệu điểm ảnh' },
    { label: 'a truncated JPEG', fileName: 'anh-cat-do.jpg', content: jpeg.subarray(0, Math.floor(jpeg.length / 2)), kind: 'jpeg', phrase: 'bị hỏng hoặc không đầy đủ' },
    { label: 'a PNG whose image data is corrupt', fileName: 'anh-hong.png', content: pngDeclaring(16, 16, Buffer.from('not zlib data at all, just bytes')), kind: 'png', phrase: 'bị hỏng hoặc không đầy đủ' },
    { label: 'a PDF with JavaScript', fileName: 'cong-van.pdf', content: minimalPdf(' /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>'), kind: 'pdf', phrase: 'chứa mã lệnh, macro hoặc tệp nhúng' },
    { label: 'a PDF with a zip appended', fileName: 'to-trinh.pdf', content: Buffer.concat([minimalPdf(), zip]), kind: 'pdf', phrase: 'chứa lẫn dữ liệu của định dạng khác' },
    { label: 'a PDF without %%EOF', fileName: 'thieu-cuoi.pdf', content: minimalPdf().subarray(0, minimalPdf().lastIndexOf('startxref')), kind: 'pdf', phrase: 'bị hỏng hoặc không đầy đủ' },
    { label: 'a PNG with a zip appended', fileName: 'so-do.png', content: Buffer.concat([png, zip]), kind: 'png', phrase: 'chứa lẫn dữ liệu của định dạng khác' },
    { label: 'a JPEG carrying a script', fileName: 'chan-dung.jpg', content: jpegWithSegment(jpeg, 0xfe, Buffer.from('<script>alert(document.cookie)</script>')), kind: 'jpeg', phrase: 'chứa lẫn dữ liệu của định dạng khác' },
    {
      label: 'a zip-bomb DOCX whose directory understates an entry',
      fileName: 'de-an.docx',
      content: zipArchive([...docxParts().slice(0, 2), { name: 'word/document.xml', data: bombData, declaredSize: 4096 }]),
      kind: 'docx',
      phrase: 'cấu trúc nén bất thường',
    },
    { label: 'a DOCX with a macro project', fileName: 'bieu-mau.docx', content: zipArchive([...docxParts(), { name: 'word/vbaProject.bin', data: oleFile('_VBA_PROJECT') }]), kind: 'docx', phrase: 'chứa mã lệnh, macro hoặc tệp nhúng' },
    { label: 'a legacy Word file with macros', fileName: 'van-ban-cu.doc', content: oleFile('WordDocument', '_VBA_PROJECT'), kind: 'doc', phrase: 'chứa mã lệnh, macro hoặc tệp nhúng' },
    { label: 'text carrying a PDF header', fileName: 'ghi-chu.txt', content: Buffer.from('Ghi chú\n%PDF-1.4\n1 0 obj << /JS (x) >> endobj\n'), kind: 'text', phrase: 'chứa lẫn dữ liệu của định dạng khác' },
  ];
}
