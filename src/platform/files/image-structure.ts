/**
 * Walks the structure of PNG and JPEG files without decoding a pixel, so the dimensions can be
 * checked before anything allocates a bitmap and so a truncated file, or one with bytes after its
 * end marker, is noticed. A layout is null when the structure is broken.
 */

export interface ImageLayout {
  width: number;
  height: number;
  /** offset just past the end marker (PNG IEND chunk, JPEG EOI) */
  end: number;
  /** JPEG only: an APP2 Multi-Picture Format index announces further images after EOI */
  multiPicture?: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309); written here because zlib.crc32 needs Node 20.15. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** bit depths allowed for each PNG colour type (PNG spec, table 11.1) */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** IHDR first and valid, every chunk complete with a correct CRC, at least one IDAT, then IEND. */
export function pngLayout(buf: Buffer): ImageLayout | null {
  if (buf.length < PNG_SIGNATURE.length || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let p = PNG_SIGNATURE.length;
  let width = 0;
  let height = 0;
  let sawData = false;
  for (let first = true; ; first = false) {
    if (p + 12 > buf.length) return null;
    const length = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    const dataEnd = p + 8 + length;
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type) || dataEnd + 4 > buf.length) return null;
    if (crc32(buf.subarray(p + 4, dataEnd)) !== buf.readUInt32BE(dataEnd)) return null;
    if (first !== (type === 'IHDR')) return null;
    if (first) {
      if (length !== 13) return null;
      width = buf.readUInt32BE(p + 8);
      height = buf.readUInt32BE(p + 12);
      const [depth, colour, compression, filter, interlace] = buf.subarray(p + 16, p + 21);
      if (!width || !height || width > 0x7fffffff || height > 0x7fffffff) return null;
      if (!PNG_DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return null;
    }
    if (type === 'IDAT') sawData = true;
    p = dataEnd + 4;
    if (type === 'IEND') return sawData ? { width, height, end: p } : null;
  }
}

/** start-of-frame markers that carry the image size (all SOFn but DHT C4, JPG C8 and DAC CC) */
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * SOI, marker segments of consistent lengths, a frame header (SOFn) before the first scan, the
 * entropy-coded data of every scan, and EOI. `from` is where the stream starts (appended pictures).
 */
export function jpegLayout(buf: Buffer, from = 0): ImageLayout | null {
  if (buf[from] !== 0xff || buf[from + 1] !== 0xd8) return null;
  let p = from + 2;
  let width = 0;
  let height = 0;
  let multiPicture = false;
  for (;;) {
    if (buf[p] !== 0xff) return null;
    while (buf[p] === 0xff) p++; // fill bytes
    if (p >= buf.length) return null;
    const marker = buf[p++];
    if (marker === 0xd9) return width ? { width, height, end: p, multiPicture } : null;
    if (marker === 0xd8 || marker === 0x00) return null;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (p + 2 > buf.length) return null;
    const length = buf.readUInt16BE(p);
    if (length < 2 || p + length > buf.length) return null;
    if (isFrameMarker(marker) && !width) {
      if (length < 8) return null;
      height = buf.readUInt16BE(p + 3);
      width = buf.readUInt16BE(p + 5);
      // a height of 0 defers to a DNL marker; no camera or editor writes one, so it is refused
      if (!width || !height) return null;
    }
    if (marker === 0xe2 && buf.toString('latin1', p + 2, p + 6) === 'MPF\0') multiPicture = true;
    p += length;
    if (marker !== 0xda) continue;
    if (!width) return null;
    // entropy-coded data runs to the next marker that is not a stuffed 00, a restart or fill
    for (;;) {
      const q = buf.indexOf(0xff, p);
      if (q < 0 || q + 1 >= buf.length) return null;
      const next = buf[q + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) p = q + 2;
      else if (next === 0xff) p = q + 1;
      else {
        p = q;
        break;
      }
    }
  }
}
