/** The upload inspection on files built in code: sound files pass, each hostile kind gets its own reason. */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  docxParts,
  flateStream,
  hostileFiles,
  jpegWithSegment,
  minimalDocx,
  minimalPdf,
  oleFile,
  pdfWithObjects,
  pngDeclaring,
  smallJpeg,
  smallPng,
  zipArchive,
} from '../../../test/support/hostile-files';
import { crc32, jpegLayout, pngLayout } from './image-structure';
import { type InspectOptions, effectiveExtension, inspectUpload } from './inspect-upload';
import { ALLOWED_TYPES, LEGACY_OFFICE_TYPES } from './sniff';
import { refusalMessage } from './store';

const MB = 1024 * 1024;
const ALL: InspectOptions = { maxBytes: 20 * MB };
const PAKN: InspectOptions = { maxBytes: 10 * MB, accept: [...Object.values(ALLOWED_TYPES).filter((t) => t !== ALLOWED_TYPES.text), LEGACY_OFFICE_TYPES.doc, LEGACY_OFFICE_TYPES.xls] };

async function reason(buf: Buffer, opts: InspectOptions = ALL) {
  const r = await inspectUpload(buf, opts);
  return r.ok ? `ok:${r.mimeType}` : r.reason;
}

async function pdfkitPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Báo cáo' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('Bao cao tien do thuc hien Nghi quyet 57');
  doc.addPage().text('Trang hai');
  doc.end();
  return done;
}

async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Nhiệm vụ').addRow(['mã nhiệm vụ', 'tên nhiệm vụ']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('sound files pass', () => {
  it('accepts real PNG, JPEG, PDF (hand-made and from pdfkit), DOCX, XLSX and text, typed from their bytes', async () => {
    const png = await inspectUpload(await smallPng(), ALL);
    expect(png).toEqual({ ok: true, mimeType: ALLOWED_TYPES.png, image: { width: 24, height: 16 } });
    expect(await reason(await smallJpeg())).toBe(`ok:${ALLOWED_TYPES.jpeg}`);
    expect(await reason(minimalPdf())).toBe(`ok:${ALLOWED_TYPES.pdf}`);
    expect(await reason(await pdfkitPdf())).toBe(`ok:${ALLOWED_TYPES.pdf}`);
    expect(await reason(minimalDocx())).toBe(`ok:${ALLOWED_TYPES.docx}`);
    expect(await reason(await realXlsx())).toBe(`ok:${ALLOWED_TYPES.xlsx}`);
    expect(await reason(Buffer.from('Biên bản họp, ngày 12/11/2026\n'))).toBe(`ok:${ALLOWED_TYPES.text}`);
    expect(await reason(oleFile('WordDocument'), PAKN)).toBe(`ok:${LEGACY_OFFICE_TYPES.doc}`);
  });

  it('walks progressive JPEGs (several scans), interlaced PNGs and photos with EXIF', async () => {
    const photo = sharp({ create: { width: 300, height: 200, channels: 3, background: '#3d9970' } }).withMetadata({ exif: { IFD0: { Artist: 'Nguyễn Văn A' } } });
    expect(await reason(await photo.clone().jpeg({ progressive: true }).toBuffer())).toBe(`ok:${ALLOWED_TYPES.jpeg}`);
    expect(await reason(await photo.clone().jpeg({ mozjpeg: true, quality: 85 }).toBuffer())).toBe(`ok:${ALLOWED_TYPES.jpeg}`);
    expect(await reason(await photo.clone().png({ progressive: true }).toBuffer())).toBe(`ok:${ALLOWED_TYPES.png}`);
  });

  it('takes a wrong extension (the sniffed type is what counts) and a few pad bytes after an image', async () => {
    expect((await inspectUpload(minimalPdf(), { ...ALL, fileName: 'anh.png' })).ok).toBe(true);
    const png = await smallPng();
    expect(await reason(Buffer.concat([png, Buffer.from('\n\n')]))).toBe(`ok:${ALLOWED_TYPES.png}`);
    expect(await reason(Buffer.concat([await smallJpeg(), Buffer.alloc(4096)]))).toBe(`ok:${ALLOWED_TYPES.jpeg}`);
  });

  it('takes a JPEG whose Multi-Picture index announces a second picture after EOI (phone HDR photos)', async () => {
    const primary = jpegWithSegment(await smallJpeg(), 0xe2, Buffer.from('MPF\0II*\0', 'latin1'));
    const gainMap = await smallJpeg('#777777');
    expect(await reason(Buffer.concat([primary, gainMap]))).toBe(`ok:${ALLOWED_TYPES.jpeg}`);
    // without the index the same bytes are an image with something glued on
    expect(await reason(Buffer.concat([await smallJpeg(), gainMap]))).toBe('polyglot');
  });

  it('reads object streams of a PDF 1.5 file and finds nothing active in a clean one', async () => {
    const objStm = flateStream('/Type /ObjStm /N 1 /First 4', '4 0 << /Title (Bao cao) >>');
    expect(await reason(pdfWithObjects(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', objStm]))).toBe(`ok:${ALLOWED_TYPES.pdf}`);
  });
});

describe('hostile files are refused with their own reason', () => {
  it('refuses the whole hostile set', async () => {
    const expected: Record<string, string> = {
      'an executable named .pdf': 'type',
      'a script name': 'dangerous_name',
      'a PNG declaring 100,000 × 100,000 pixels': 'image_too_large',
      'a truncated JPEG': 'malformed',
      'a PNG whose image data is corrupt': 'malformed',
      'a PDF with JavaScript': 'active_content',
      'a PDF with a zip appended': 'polyglot',
      'a PDF without %%EOF': 'malformed',
      'a PNG with a zip appended': 'polyglot',
      'a JPEG carrying a script': 'polyglot',
      'a zip-bomb DOCX whose directory understates an entry': 'zip_bomb',
      'a DOCX with a macro project': 'active_content',
      'a legacy Word file with macros': 'active_content',
      'text carrying a PDF header': 'polyglot',
    };
    const files = await hostileFiles();
    expect(files.map((f) => f.label).sort()).toEqual(Object.keys(expected).sort());
    for (const f of files) {
      const opts = f.kind === 'doc' ? PAKN : ALL;
      const r = await inspectUpload(f.content, { ...opts, fileName: f.fileName });
      expect(r.ok ? 'ok' : r.reason, f.label).toBe(expected[f.label]);
      if (!r.ok && f.phrase) expect(refusalMessage(r, f.fileName, { maxBytes: opts.maxBytes }), f.label).toContain(f.phrase);
    }
  });

  it('names the file and the limits in Vietnamese', async () => {
    const r = await inspectUpload(pngDeclaring(20_000, 10_000, zlib.deflateSync(Buffer.alloc(8))), ALL);
    expect(r).toMatchObject({ ok: false, reason: 'image_too_large', image: { width: 20_000, height: 10_000 } });
    expect(refusalMessage(r as never, 'bản đồ.png')).toBe('Ảnh “bản đồ.png” quá lớn (20000×10000 điểm ảnh): tối đa 50 triệu điểm ảnh. Hãy thu nhỏ ảnh rồi gửi lại.');
    const big = await inspectUpload(Buffer.concat([minimalPdf(), Buffer.alloc(MB)]), { maxBytes: MB });
    expect(refusalMessage(big as never, 'lon.pdf', { maxBytes: MB })).toBe('Tệp “lon.pdf” quá lớn: tối đa 1 MB.');
  });

  it('refuses oversize files before looking at them, and kinds the caller does not take', async () => {
    expect(await reason(Buffer.concat([minimalPdf(), Buffer.alloc(11 * MB)]), PAKN)).toBe('too_large');
    expect(await reason(Buffer.from('văn bản thuần'), PAKN)).toBe('type');
    expect(await reason(await smallPng(), { maxBytes: MB, accept: [ALLOWED_TYPES.pdf, ALLOWED_TYPES.docx] })).toBe('type');
    expect(await reason(oleFile('WordDocument'))).toBe('type'); // legacy Office only where asked for
  });

  it('refuses names the desktop would run or render, whatever the bytes', async () => {
    for (const name of ['setup.exe', 'a.JS', 'trang.html', 'logo.svg', 'chay.sh', 'x.bat', 'bao-cao.pdf.exe', 'mau.docm', 'tep.exe.', 'tep.exe ', 'tep.exe::$DATA']) {
      expect(await reason(minimalPdf(), { ...ALL, fileName: name }), name).toBe('dangerous_name');
    }
    for (const name of ['bao-cao.pdf', 'bao-cao.exe.pdf', 'khong-duoi', 'Biên bản.docx']) {
      expect(await reason(minimalPdf(), { ...ALL, fileName: name }), name).toBe(`ok:${ALLOWED_TYPES.pdf}`);
    }
    expect(effectiveExtension('Tep.Exe . ')).toBe('exe');
  });

  it('finds active content however a PDF spells or hides it', async () => {
    expect(await reason(minimalPdf(' /OpenAction << /S /J#61vaScript /J#53 (x) >>'))).toBe('active_content');
    expect(await reason(minimalPdf(' /OpenAction << /S /Launch /F (cmd.exe) >>'))).toBe('active_content');
    expect(await reason(minimalPdf(' /Names << /EmbeddedFiles 4 0 R >>'))).toBe('active_content');
    expect(await reason(minimalPdf(' /AA << /O << /S /RichMedia >> >>'))).toBe('active_content');
    const hidden = flateStream('/Type /ObjStm /N 1 /First 4', '4 0 << /S /JavaScript /JS (app.alert(1)) >>');
    expect(await reason(pdfWithObjects(['<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', hidden]))).toBe('active_content');
    const unreadable = '<< /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode /Length 4 >>\nstream\nABCD\nendstream';
    expect(await reason(pdfWithObjects(['<< /Type /Catalog >>', unreadable]))).toBe('malformed');
    // bytes inside image or font streams are data, not names
    const image = '<< /Type /XObject /Subtype /Image /Length 9 >>\nstream\n/JS /JS /\nendstream';
    expect(await reason(pdfWithObjects(['<< /Type /Catalog >>', image]))).toBe(`ok:${ALLOWED_TYPES.pdf}`);
  });

  it('refuses PDFs with data after %%EOF or a zip directory wrapped around their end', async () => {
    expect(await reason(Buffer.concat([minimalPdf(), Buffer.from('<html><script>x</script></html>')]))).toBe('polyglot');
    expect(await reason(Buffer.concat([minimalPdf(), Buffer.from('\r\n  \n')]))).toBe(`ok:${ALLOWED_TYPES.pdf}`);
    // a zip whose end record's comment swallows the PDF's tail: readers of both formats accept it
    const zip = zipArchive([{ name: 'a.txt', data: Buffer.from('x') }]);
    const pdf = minimalPdf();
    const eof = pdf.lastIndexOf('%%EOF');
    const tail = pdf.subarray(eof);
    const record = Buffer.from(zip.subarray(zip.length - 22));
    record.writeUInt16LE(tail.length, 20);
    expect(await reason(Buffer.concat([pdf.subarray(0, eof), zip.subarray(0, zip.length - 22), record, tail]))).toBe('polyglot');
  });

  it('refuses images with a second format: markup, a PDF header, trailing data', async () => {
    const png = await smallPng();
    expect(await reason(Buffer.concat([png, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')]))).toBe('polyglot');
    expect(await reason(jpegWithSegment(await smallJpeg(), 0xfe, Buffer.from('<svg onload=alert(1)>')))).toBe('polyglot');
    expect(await reason(jpegWithSegment(await smallJpeg(), 0xfe, Buffer.from('%PDF-1.4 hidden')))).toBe('polyglot');
    expect(await reason(Buffer.concat([png, Buffer.alloc(17, 0x41)]))).toBe('polyglot');
  });

  it('refuses broken image structure without decoding', async () => {
    const png = await smallPng();
    const badCrc = Buffer.from(png);
    badCrc[20] ^= 0xff; // inside IHDR
    expect(pngLayout(badCrc)).toBeNull();
    expect(await reason(badCrc)).toBe('malformed');
    expect(await reason(png.subarray(0, png.length - 12))).toBe('malformed'); // IEND cut off
    const noData = Buffer.concat([png.subarray(0, 33), png.subarray(png.length - 12)]);
    expect(await reason(noData)).toBe('malformed'); // IHDR then IEND
    const jpeg = await smallJpeg();
    expect(jpegLayout(jpeg)).toMatchObject({ width: 32, height: 24, end: jpeg.length });
    expect(await reason(Buffer.concat([jpeg.subarray(0, 2), jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])))]))).toBe('malformed'); // scan without a frame header
    expect(await reason(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBe('malformed');
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('measures an image from its header before decoding it: a real decompression bomb is refused by size', async () => {
    const bomb = await sharp({ create: { width: 7200, height: 7200, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(MB);
    expect(await inspectUpload(bomb, ALL)).toEqual({ ok: false, reason: 'image_too_large', image: { width: 7200, height: 7200 } });
  });

  it('checks every DOCX/XLSX entry against its directory', async () => {
    const big = Buffer.alloc(3 * MB, 0x20);
    // the directory tells the truth but the expansion is too large for the file
    expect(await reason(zipArchive([...docxParts(), { name: 'word/media/a.xml', data: big }]))).toBe('zip_bomb');
    // stored entry shorter than declared, an unknown method, corrupt deflate data
    expect(await reason(zipArchive([...docxParts(), { name: 'word/x.bin', data: Buffer.from('abc'), stored: true, declaredSize: 10 }]))).toBe('malformed');
    const corrupt = zipArchive(docxParts());
    const at = corrupt.indexOf('word/document.xml') + 'word/document.xml'.length;
    corrupt.fill(0xff, at, at + 8);
    expect(await reason(corrupt)).toBe('malformed');
    // an executable inside, a PDF header in the first kilobyte, bytes after the end record
    expect(await reason(zipArchive([...docxParts(), { name: 'word/media/run.exe', data: Buffer.from('MZ') }]))).toBe('polyglot');
    expect(await reason(zipArchive([{ name: '%PDF-1.4', data: Buffer.from('x') }, ...docxParts()]))).toBe('polyglot');
    expect(await reason(Buffer.concat([minimalDocx(), Buffer.from('trailing')]))).toBe('polyglot');
  });

  it('refuses a compound file with a broken header', async () => {
    const broken = oleFile('WordDocument');
    broken.writeUInt16LE(0, 28);
    expect(await reason(broken, PAKN)).toBe('malformed');
  });
});
