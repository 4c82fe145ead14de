/**
 * The public PAKN-GPSK intake end to end on a real database: the no-JS multipart form (photos
 * stripped of EXIF, refused files, zip bombs, honeypot, signed arithmetic challenge, limits,
 * duplicates, idempotency, typed values kept), the lookup page (PIN, reply to an information
 * request, rating), and the JSON API (proof of work, lookup, staff recording with a token).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFormChallenge, solvePow, challengeKey } from '../../src/feedback/intake/challenge';
import { intakeLimits } from '../../src/feedback/intake/limits';
import { receiveFeedback } from '../../src/feedback/intake/receive-feedback';
import { feedbackAttachment, feedbackEvent, feedbackInfoRequest, feedbackSubmission } from '../../src/feedback/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { createApiToken } from '../../src/platform/auth/api-tokens';
import { CSRF_COOKIE } from '../../src/platform/auth/sessions';
import { storedFile } from '../../src/platform/files/schema';
import { pathForHash } from '../../src/platform/files/store';
import { mailOutbox } from '../../src/platform/mail/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { minimalDocx, zipArchive } from '../support/hostile-files';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
let dataDir: string;

beforeAll(async () => {
  process.env.NQ57_POW_DIFFICULTY = '8';
  intakeLimits.submitsPerIpPerHour = 10_000;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-intake-'));
  p = await createTestPlatform({ config: { dataDir } });
});
afterAll(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type FileSpec = { field?: string; filename: string; content: Buffer; type?: string };

function multipartBody(fields: [string, string][], files: FileSpec[]) {
  const boundary = `----nq57${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'files'}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postMultipart(agent: TestAgent, url: string, fields: Record<string, string>, files: FileSpec[] = []) {
  const token = await agent.csrf();
  const body = multipartBody([['_csrf', token], ...Object.entries(fields)], files);
  const res = await p.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', 'content-type': body.contentType, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
}

const WORDS: Record<string, number> = { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };

/** The hidden idempotency key and challenge of a rendered form, and the answer to its question. */
function formState(html: string) {
  const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const challenge = /name="challenge" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const q = /Câu hỏi kiểm tra: (\S+) (cộng|trừ) (\S+) bằng mấy\?/.exec(html);
  expect(q, 'the form asks an arithmetic question').not.toBeNull();
  const a = WORDS[q![1]!.toLowerCase()]!;
  const b = WORDS[q![3]!]!;
  return { idempotencyKey, challenge, answer: String(q![2] === 'cộng' ? a + b : a - b) };
}

async function openForm(agent: TestAgent) {
  const res = await agent.get('/feedback/new');
  expect(res.status).toBe(200);
  return formState(res.body);
}

let seq = 0;
/** A valid case; each call differs (so the duplicate rule does not fire) unless told otherwise. */
function validFields(over: Record<string, string> = {}) {
  seq++;
  return {
    kind: 'feedback',
    topicCode: 'thu-tuc-hanh-chinh',
    title: `Cổng dịch vụ công tỉnh bị lỗi ký số lần ${seq}`,
    content: `Khi nộp hồ sơ cấp phép trên cổng dịch vụ công, bước ký số báo lỗi và không lưu được hồ sơ (trường hợp ${seq} ${randomUUID().slice(0, 4)}).`,
    submitterType: 'individual',
    submitterName: 'Trần Thị Bình',
    submitterEmail: `binh${seq}@example.vn`,
    publishConsent: 'anonymous',
    termsAgree: 'on',
    ...over,
  };
}

async function submitForm(agent: TestAgent, over: Record<string, string> = {}, files: FileSpec[] = []) {
  const s = await openForm(agent);
  const fields = { ...validFields(over), idempotencyKey: s.idempotencyKey, challenge: s.challenge, challengeAnswer: s.answer, action: 'submit' };
  return { res: await postMultipart(agent, '/feedback/new', { ...fields, ...over }, files), fields };
}

const codeIn = (html: string) => /id="tracking-code">([^<]+)</.exec(html)?.[1] ?? '';
const pinIn = (html: string) => /id="tracking-pin">([^<]+)</.exec(html)?.[1] ?? '';
const counts = async () => ({ subs: await p.ctx.db.$count(feedbackSubmission), files: await p.ctx.db.$count(storedFile) });

/** A zip whose central directory declares `uncompressed` bytes for filler entries. */
const zipDeclaring = (entries: { name: string; compressed: number; uncompressed: number }[]) =>
  zipArchive(entries.map((e) => ({ name: e.name, data: Buffer.alloc(e.compressed, 0x41), stored: true, declaredSize: e.uncompressed })));

const PDF = Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%${randomUUID()}\n%%EOF\n`);


describe(`public PAKN intake form on ${backend}`, () => {
  it('links the intake from the navigation and serves the landing and terms pages', async () => {
    const agent = new TestAgent(p.app);
    const home = await agent.get('/');
    expect(home.body).toContain('href="/feedback"');
    const landing = await agent.get('/feedback');
    expect(landing.status).toBe(200);
    for (const href of ['/feedback/new', '/feedback/lookup', '/feedback/answers', '/feedback/statistics', '/feedback/terms']) expect(landing.body).toContain(`href="${href}"`);
    const terms = await agent.get('/feedback/terms');
    expect(terms.body).toContain('Điều kiện gửi phản ánh, kiến nghị');
    expect(terms.body).toContain('13/2023/NĐ-CP');
  });

  it('stores a case with photos re-encoded without EXIF, shows code and PIN once, and queues the e-mail in the same transaction', async () => {
    const agent = new TestAgent(p.app);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c03' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'GPS-SECRET-21.0285N' } } })
      .toBuffer();
    const png = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#0a0' } })
      .png()
      .withMetadata({ exif: { IFD0: { Artist: 'PNG-SECRET-ARTIST' } } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    expect(jpeg.includes('GPS-SECRET')).toBe(true);
    const { res, fields } = await submitForm(agent, { locationCode: '01', submitterPhone: '0912 345 678' }, [
      { filename: 'ảnh hiện trường.jpg', content: jpeg, type: 'image/jpeg' },
      { filename: 'chup-man-hinh.png', content: png, type: 'image/png' },
      { filename: 'don.pdf', content: PDF },
    ]);
    expect(res.status).toBe(200);
    expect(res.location).toBeUndefined();
    const code = codeIn(res.body);
    const pin = pinIn(res.body);
    expect(code).toMatch(/^PAKN-\d{4}-\d{6}$/);
    expect(pin).toMatch(/^\d{8}$/);
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
    expect(row!.channel).toBe('web');
    expect(row!.submitterPhone).toBe('0912345678');
    expect(row!.locationUnitId).not.toBeNull();
    expect(row!.idempotencyKey).toBe(fields.idempotencyKey);
    const files = await p.ctx.db
      .select({ name: feedbackAttachment.fileName, mime: storedFile.mimeType, hash: storedFile.hash })
      .from(feedbackAttachment)
      .innerJoin(storedFile, eq(storedFile.id, feedbackAttachment.fileId))
      .where(eq(feedbackAttachment.submissionId, row!.id));
    expect(files.map((f) => f.mime).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    for (const f of files.filter((x) => x.mime.startsWith('image/'))) {
      const bytes = fs.readFileSync(pathForHash(dataDir, f.hash));
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(bytes.includes('GPS-SECRET')).toBe(false);
      expect(bytes.includes('PNG-SECRET')).toBe(false);
    }
    expect(files.find((f) => f.mime === 'image/jpeg')!.name).toBe('ảnh hiện trường.jpg');
    const mails = await p.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, fields.submitterEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.bodyText).toContain(code);
    expect(mails[0]!.bodyText).toContain(pin);
    expect(mails[0]!.bodyText).toContain('/feedback/lookup');
  });

  it('refuses an executable or a text file named .pdf and a zip-bomb DOCX, storing nothing', async () => {
    const agent = new TestAgent(p.app);
    const before = await counts();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(128, 0)]);
    const r1 = await submitForm(agent, {}, [{ filename: 'hoa-don.pdf', content: exe }]);
    expect(r1.res.status).toBe(400);
    expect(r1.res.body).toContain('không thuộc loại được chấp nhận');
    const r2 = await submitForm(agent, {}, [{ filename: 'ghi-chu.pdf', content: Buffer.from('Đây chỉ là văn bản thuần, không phải PDF') }]);
    expect(r2.res.status).toBe(400);
    expect(r2.res.body).toContain('ghi-chu.pdf');
    const bomb = zipDeclaring([
      { name: '[Content_Types].xml', compressed: 200, uncompressed: 1_000 },
      { name: 'word/document.xml', compressed: 2_000, uncompressed: 150 * 1024 * 1024 },
    ]);
    const r3 = await submitForm(agent, {}, [{ filename: 'de-xuat.docx', content: bomb }]);
    expect(r3.res.status).toBe(400);
    expect(r3.res.body).toContain('cấu trúc nén bất thường');
    const ratio = zipDeclaring([{ name: 'word/document.xml', compressed: 1_000, uncompressed: 5 * 1024 * 1024 }]);
    const r4 = await submitForm(agent, {}, [{ filename: 'tl.docx', content: ratio }]);
    expect(r4.res.status).toBe(400);
    expect(r4.res.body).toContain('cấu trúc nén bất thường');
    expect(await counts()).toEqual(before);
    // a real DOCX (the fixtures above hold no real deflate data, and every entry is now inflated)
    const fine = minimalDocx(`Tài liệu ${randomUUID()}`);
    const ok = await submitForm(agent, {}, [{ filename: 'tl.docx', content: fine }]);
    expect(ok.res.status).toBe(200);
  });

  it('refuses a filled honeypot with a generic message and stores nothing', async () => {
    const agent = new TestAgent(p.app);
    const html = (await agent.get('/feedback/new')).body;
    expect(html).toMatch(/<div class="hp-field" aria-hidden="true">/);
    expect(html).not.toMatch(/style="/);
    const before = await counts();
    const { res } = await submitForm(agent, { website: 'http://spam.example' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Không thể xử lý yêu cầu gửi');
    expect(await counts()).toEqual(before);
  });

  it('refuses a wrong, an expired and a used challenge, and lets a corrected form through with its own', async () => {
    const agent = new TestAgent(p.app);
    const before = await counts();
    const wrong = await submitForm(agent, { challengeAnswer: '99' });
    expect(wrong.res.status).toBe(400);
    expect(wrong.res.body).toContain('Kết quả câu hỏi kiểm tra chưa đúng');

    const s = await openForm(agent);
    const old = signFormChallenge(await challengeKey(p.ctx.db), s.idempotencyKey, new Date(Date.now() - 4 * 3600_000), () => 3);
    const expired = await postMultipart(agent, '/feedback/new', { ...validFields(), idempotencyKey: s.idempotencyKey, challenge: old.token, challengeAnswer: '8', action: 'submit' });
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('đã hết hạn');

    // a refused body does not use the token up: the corrected form goes through with it
    const s2 = await openForm(agent);
    const base = { ...validFields(), idempotencyKey: s2.idempotencyKey, challenge: s2.challenge, challengeAnswer: s2.answer, action: 'submit' };
    const first = await postMultipart(agent, '/feedback/new', { ...base, title: '' });
    expect(first.status).toBe(400);
    const stored = await postMultipart(agent, '/feedback/new', base);
    expect(stored.status).toBe(200);
    expect(codeIn(stored.body)).toMatch(/^PAKN-/);
    // a token counted for a case refused after the limits (a duplicate of that case) is used up
    const s3 = await openForm(agent);
    const again = { ...base, idempotencyKey: s3.idempotencyKey, challenge: s3.challenge, challengeAnswer: s3.answer };
    expect((await postMultipart(agent, '/feedback/new', again)).status).toBe(409);
    const reused = await postMultipart(agent, '/feedback/new', again);
    expect(reused.status).toBe(400);
    expect(reused.body).toContain('đã được dùng');
    expect(await counts()).toEqual({ ...before, subs: before.subs + 1 });
  });

  it('keeps every typed value when validation fails and asks to choose the files again', async () => {
    const agent = new TestAgent(p.app);
    const { res } = await submitForm(
      agent,
      { topicCode: '', kind: 'initiative', title: 'Sáng kiến số hóa hồ sơ đất đai', submitterName: 'Lê Văn Cường', organisationName: 'Công ty Ánh Dương', submitterIdNumber: '0123', problem: 'Hồ sơ giấy thất lạc', termsAgree: '' },
      [{ filename: 'don.pdf', content: PDF }],
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('value="Sáng kiến số hóa hồ sơ đất đai"');
    expect(res.body).toContain('value="Lê Văn Cường"');
    expect(res.body).toContain('value="Công ty Ánh Dương"');
    expect(res.body).toContain('Hồ sơ giấy thất lạc</textarea>');
    expect(res.body).toMatch(/value="initiative" checked/);
    expect(res.body).toContain('Số định danh cá nhân gồm 12 chữ số');
    expect(res.body).toContain('Bạn cần đồng ý với điều kiện');
    expect(res.body).toContain('vui lòng chọn lại tệp đính kèm');
  });

  it('refuses English text, insults and classified markings', async () => {
    const agent = new TestAgent(p.app);
    const en = await submitForm(agent, { title: 'Website broken', content: 'The public service website does not work at all, please fix it' });
    expect(en.res.status).toBe(400);
    expect(en.res.body).toContain('tiếng Việt');
    const secret = await submitForm(agent, { content: 'Gửi kèm công văn TUYỆT MẬT của sở về dự án chuyển đổi số' });
    expect(secret.res.status).toBe(400);
    expect(secret.res.body).toContain('độ mật');
  });

  it('returns the same code and PIN for a double submit, storing one case', async () => {
    const agent = new TestAgent(p.app);
    const s = await openForm(agent);
    const fields = { ...validFields(), idempotencyKey: s.idempotencyKey, challenge: s.challenge, challengeAnswer: s.answer, action: 'submit' };
    const a = await postMultipart(agent, '/feedback/new', fields);
    const b = await postMultipart(agent, '/feedback/new', fields);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(codeIn(b.body)).toBe(codeIn(a.body));
    expect(pinIn(b.body)).toBe(pinIn(a.body));
    expect(await p.ctx.db.$count(feedbackSubmission, eq(feedbackSubmission.idempotencyKey, s.idempotencyKey))).toBe(1);

    // the same form sent twice at the same moment (a double tap)
    const s2 = await openForm(agent);
    const f2 = { ...validFields(), idempotencyKey: s2.idempotencyKey, challenge: s2.challenge, challengeAnswer: s2.answer, action: 'submit' };
    const [c, d] = await Promise.all([postMultipart(agent, '/feedback/new', f2), postMultipart(agent, '/feedback/new', f2)]);
    expect([c.status, d.status]).toEqual([200, 200]);
    expect(codeIn(c.body)).toBe(codeIn(d.body));
    expect(pinIn(c.body)).toBe(pinIn(d.body));
    expect(await p.ctx.db.$count(feedbackSubmission, eq(feedbackSubmission.idempotencyKey, s2.idempotencyKey))).toBe(1);
  });

  it('refuses a near-identical case from the same contact within 30 days, naming the first code', async () => {
    const agent = new TestAgent(p.app);
    const email = `lap-lai-${randomUUID().slice(0, 6)}@example.vn`;
    const first = await submitForm(agent, { submitterEmail: email, title: 'Đèn tín hiệu giao thông ngã tư hỏng', content: 'Đèn tín hiệu ở ngã tư gần chợ bị hỏng ba ngày nay, rất nguy hiểm cho người đi đường.' });
    expect(first.res.status).toBe(200);
    const code = codeIn(first.res.body);
    const again = await submitForm(agent, { submitterEmail: email, title: 'Den tin hieu giao thong nga tu hong', content: 'Den tin hieu o nga tu gan cho bi hong ba ngay nay rat nguy hiem cho nguoi di duong' });
    expect(again.res.status).toBe(409);
    expect(again.res.body).toContain(code);
  });

  it('limits submissions per contact per day with a Vietnamese 429', async () => {
    const agent = new TestAgent(p.app);
    const email = `gioi-han-${randomUUID().slice(0, 6)}@example.vn`;
    for (let i = 0; i < intakeLimits.submitsPerContactPerDay; i++) {
      await receiveFeedback(p.ctx, { ...validFields({ submitterEmail: email }), kind: 'feedback', submitterType: 'individual', publishConsent: 'none' } as never, { actor: SYSTEM_ACTOR, channel: 'web', ip: '198.51.100.7' });
    }
    const before = await counts();
    const { res } = await submitForm(agent, { submitterEmail: email.toUpperCase() });
    expect(res.status).toBe(429);
    expect(res.body).toContain('quá nhiều phản ánh trong ngày');
    expect(await counts()).toEqual(before);
  });

  it('limits submissions per IP, counted in the database', async () => {
    const agent = new TestAgent(p.app);
    const saved = intakeLimits.submitsPerIpPerHour;
    const before = await counts();
    intakeLimits.submitsPerIpPerHour = 0;
    try {
      const { res } = await submitForm(agent);
      expect(res.status).toBe(429);
      expect(res.body).toContain('Bạn đã gửi quá nhiều lần');
    } finally {
      intakeLimits.submitsPerIpPerHour = saved;
    }
    expect(await counts()).toEqual(before);
  });

  it('suggests similar published cases (never unpublished ones) with the check button and the API', async () => {
    const agent = new TestAgent(p.app);
    const pub = await submitForm(agent, { title: 'Cấp căn cước cho trẻ em tại xã vùng cao', content: 'Đề nghị tổ chức cấp căn cước lưu động cho trẻ em tại các xã vùng cao.' });
    const hidden = await submitForm(agent, { title: 'Cấp căn cước cho trẻ em ở huyện miền núi', content: 'Đề nghị cấp căn cước cho trẻ em tại các huyện miền núi.' });
    await p.ctx.db.update(feedbackSubmission).set({ publishedAt: new Date() }).where(eq(feedbackSubmission.code, codeIn(pub.res.body)));
    const api = await agent.get(`/api/v1/public/feedback/similar?q=${encodeURIComponent('cap can cuoc cho tre em vung cao')}`, { accept: 'application/json' });
    expect(api.status).toBe(200);
    const codes = api.json().items.map((i: { code: string }) => i.code);
    expect(codes).toContain(codeIn(pub.res.body));
    expect(codes).not.toContain(codeIn(hidden.res.body));
    expect(api.body).not.toContain('@example.vn');
    const s = await openForm(agent);
    const check = await postMultipart(agent, '/feedback/new', { ...validFields({ title: 'căn cước trẻ em vùng cao', content: 'cấp căn cước cho trẻ em' }), idempotencyKey: s.idempotencyKey, action: 'check' });
    expect(check.status).toBe(200);
    expect(check.body).toContain(codeIn(pub.res.body));
  });
});

describe(`lookup, reply and rating on ${backend}`, () => {
  async function newCase(agent: TestAgent) {
    const { res } = await submitForm(agent);
    return { code: codeIn(res.body), pin: pinIn(res.body) };
  }

  it('shows the case for the right PIN and one generic message for a wrong PIN or an unknown code', async () => {
    const agent = new TestAgent(p.app);
    const c = await newCase(agent);
    const form = await agent.get('/feedback/lookup');
    expect(form.body).toContain('method="post"');
    const ok = await agent.postForm('/feedback/lookup', { code: c.code, pin: c.pin });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Mới tiếp nhận');
    expect(ok.body).toContain('Hệ thống đã tiếp nhận');
    expect(ok.body).not.toContain('@example.vn');
    const wrongPin = await agent.postForm('/feedback/lookup', { code: c.code, pin: c.pin === '00000000' ? '11111111' : '00000000' });
    const unknown = await agent.postForm('/feedback/lookup', { code: 'PAKN-2020-999999', pin: c.pin });
    expect(wrongPin.status).toBe(400);
    expect(unknown.status).toBe(400);
    const msg = (html: string) => /<div class="error-summary"[\s\S]*?<p>([^<]+)<\/p>/.exec(html)?.[1];
    expect(msg(wrongPin.body)).toBe('Mã tra cứu hoặc mã bí mật không đúng.');
    expect(msg(unknown.body)).toBe(msg(wrongPin.body));
  });

  it('stops looking a code up after too many failures', async () => {
    const agent = new TestAgent(p.app);
    const c = await newCase(agent);
    const saved = intakeLimits.failedLookupsPerCodePerHour;
    intakeLimits.failedLookupsPerCodePerHour = 3;
    try {
      for (let i = 0; i < 3; i++) expect((await agent.postForm('/feedback/lookup', { code: c.code, pin: `9999999${i}` })).status).toBe(400);
      const blocked = await agent.postForm('/feedback/lookup', { code: c.code, pin: c.pin });
      expect(blocked.status).toBe(429);
      expect(blocked.body).toContain('Tra cứu sai quá nhiều lần');
    } finally {
      intakeLimits.failedLookupsPerCodePerHour = saved;
    }
  });

  it('lets the submitter answer an open information request, which resumes the case', async () => {
    const agent = new TestAgent(p.app);
    const c = await newCase(agent);
    const [sub] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, c.code));
    await p.ctx.db.update(feedbackSubmission).set({ status: 'awaiting_info', pausedAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(feedbackSubmission.id, sub!.id));
    await p.ctx.db.insert(feedbackInfoRequest).values({ submissionId: sub!.id, question: 'Đề nghị cung cấp số biên nhận hồ sơ.' });
    const page = await agent.postForm('/feedback/lookup', { code: c.code, pin: c.pin });
    expect(page.body).toContain('Đề nghị cung cấp số biên nhận hồ sơ.');
    expect(page.body).toContain('action="/feedback/lookup/reply"');
    expect(page.body).not.toContain(`/feedback/lookup?`);
    const bad = await postMultipart(agent, '/feedback/lookup/reply', { code: c.code, pin: '12', reply: 'Số biên nhận là 000123' });
    expect(bad.status).toBe(400);
    const res = await postMultipart(agent, '/feedback/lookup/reply', { code: c.code, pin: c.pin, reply: 'Số biên nhận hồ sơ là 000123, nộp ngày 02/03.' }, [{ filename: 'bien-nhan.pdf', content: PDF }]);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Đã gửi thông tin bổ sung');
    const [after] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, sub!.id));
    expect(after!.status).toBe('in_progress');
    expect(after!.pausedAt).toBeNull();
    const [req] = await p.ctx.db.select().from(feedbackInfoRequest).where(eq(feedbackInfoRequest.submissionId, sub!.id));
    expect(req!.reply).toContain('000123');
    expect(req!.repliedAt).not.toBeNull();
    const att = await p.ctx.db.select().from(feedbackAttachment).where(and(eq(feedbackAttachment.submissionId, sub!.id), eq(feedbackAttachment.infoRequestId, req!.id)));
    expect(att).toHaveLength(1);
    const events = await p.ctx.db.select().from(feedbackEvent).where(and(eq(feedbackEvent.submissionId, sub!.id), eq(feedbackEvent.type, 'info_provided')));
    expect(events).toHaveLength(1);
    const twice = await postMultipart(agent, '/feedback/lookup/reply', { code: c.code, pin: c.pin, reply: 'Bổ sung thêm lần nữa về hồ sơ' });
    expect(twice.status).toBe(409);
  });

  it('rates an answered case once, and only once answered', async () => {
    const agent = new TestAgent(p.app);
    const c = await newCase(agent);
    const early = await agent.postForm('/feedback/lookup/rate', { code: c.code, pin: c.pin, rating: '4' });
    expect(early.status).toBe(409);
    expect(early.body).toContain('Chỉ đánh giá được khi đã có trả lời');
    await p.ctx.db
      .update(feedbackSubmission)
      .set({ status: 'answered', answeredAt: new Date(), publicAnswer: 'Sở đã khắc phục lỗi ký số trên cổng.' })
      .where(eq(feedbackSubmission.code, c.code));
    const page = await agent.postForm('/feedback/lookup', { code: c.code, pin: c.pin });
    expect(page.body).toContain('Sở đã khắc phục lỗi ký số trên cổng.');
    expect(page.body).toContain('action="/feedback/lookup/rate"');
    const bad = await agent.postForm('/feedback/lookup/rate', { code: c.code, pin: c.pin, rating: '9' });
    expect(bad.status).toBe(400);
    const ok = await agent.postForm('/feedback/lookup/rate', { code: c.code, pin: c.pin, rating: '4', comment: 'Trả lời nhanh, cảm ơn cơ quan.' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Cảm ơn bạn đã đánh giá');
    const again = await agent.postForm('/feedback/lookup/rate', { code: c.code, pin: c.pin, rating: '1' });
    expect(again.status).toBe(409);
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, c.code));
    expect(row!.rating).toBe(4);
    expect(row!.ratingComment).toBe('Trả lời nhanh, cảm ơn cơ quan.');
    expect(await p.ctx.db.$count(feedbackEvent, and(eq(feedbackEvent.submissionId, row!.id), eq(feedbackEvent.type, 'rated')))).toBe(1);
  });
});

describe(`feedback API on ${backend}`, () => {
  it('documents the intake API in OpenAPI', async () => {
    const doc = (await new TestAgent(p.app).get('/api/docs/json', { accept: 'application/json' })).json();
    for (const path of ['/api/v1/public/feedback', '/api/v1/public/feedback/challenge', '/api/v1/public/feedback/similar', '/api/v1/public/feedback/{code}', '/api/v1/feedback']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths['/api/v1/public/feedback'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('nonce');
    expect(doc.paths['/api/v1/feedback'].post).toBeDefined();
  });

  const apiBody = () => {
    const { termsAgree: _t, ...rest } = validFields();
    return rest;
  };

  it('takes a public submission with a solved proof of work, once per challenge, and looks it up without personal data', async () => {
    const agent = new TestAgent(p.app);
    const ch = (await agent.get('/api/v1/public/feedback/challenge', { accept: 'application/json' })).json();
    expect(ch.difficulty).toBe(8);
    const nonce = solvePow(ch.challenge, ch.difficulty);
    expect(createHash('sha256').update(ch.challenge + nonce).digest()[0]).toBe(0);
    const body = { ...apiBody(), challenge: ch.challenge, nonce };
    // a refused body does not use the challenge up: the corrected one goes through with it
    const invalid = await agent.api('POST', '/api/v1/public/feedback', { ...body, submitterEmail: '', submitterPhone: '' });
    expect(invalid.status).toBe(400);
    const res = await agent.api('POST', '/api/v1/public/feedback', body);
    expect(res.status, res.body).toBe(201);
    const { code, pin, replayed } = res.json();
    expect(code).toMatch(/^PAKN-/);
    expect(pin).toMatch(/^\d{8}$/);
    expect(replayed).toBe(false);
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
    expect(row!.channel).toBe('api');
    const reused = await agent.api('POST', '/api/v1/public/feedback', { ...apiBody(), challenge: ch.challenge, nonce });
    expect(reused.status).toBe(400);
    expect(reused.json().error.message).toMatch(/không hợp lệ/);
    const unsolved = await agent.api('POST', '/api/v1/public/feedback', { ...apiBody(), challenge: ch.challenge.slice(0, -2) + 'xx', nonce });
    expect(unsolved.status).toBe(400);

    const look = await agent.get(`/api/v1/public/feedback/${code}?pin=${pin}`, { accept: 'application/json' });
    expect(look.status).toBe(200);
    const v = look.json();
    expect(v.status).toBe('received');
    expect(v.timeline[0].type).toBe('received');
    expect(look.body).not.toContain(body.submitterEmail);
    expect(look.body).not.toContain('Trần Thị Bình');
    const wrong = await agent.get(`/api/v1/public/feedback/${code}?pin=00000001`, { accept: 'application/json' });
    const unknown = await agent.get(`/api/v1/public/feedback/PAKN-2019-000001?pin=${pin}`, { accept: 'application/json' });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('sets no CSRF cookie on an anonymous API call, but does on a page', async () => {
    const cookieNames = (r: { headers: Record<string, unknown> }) => [r.headers['set-cookie'] ?? []].flat().map((c) => String(c).split('=')[0]);
    const api = await p.app.inject({ method: 'GET', url: '/api/v1/public/feedback/challenge', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(200);
    expect(cookieNames(api)).not.toContain(CSRF_COOKIE);
    const page = await p.app.inject({ method: 'GET', url: '/feedback/new' });
    expect(page.statusCode).toBe(200);
    expect(cookieNames(page)).toContain(CSRF_COOKIE);
  });

  it('answers a retried API submission with its own case, though the retry carries the spent challenge', async () => {
    const agent = new TestAgent(p.app);
    const ch = (await agent.get('/api/v1/public/feedback/challenge', { accept: 'application/json' })).json();
    const body = { ...apiBody(), idempotencyKey: `api-thu-lai-${randomUUID()}`, challenge: ch.challenge, nonce: solvePow(ch.challenge, ch.difficulty) };
    const first = await agent.api('POST', '/api/v1/public/feedback', body);
    expect(first.status, first.body).toBe(201);
    const again = await agent.api('POST', '/api/v1/public/feedback', body);
    expect(again.status, again.body).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), replayed: true });
    expect(await p.ctx.db.$count(feedbackSubmission, eq(feedbackSubmission.idempotencyKey, body.idempotencyKey))).toBe(1);
    // the spent challenge brings nothing else in: another case with it is refused
    const { idempotencyKey: _k, ...withoutKey } = body;
    const other = await agent.api('POST', '/api/v1/public/feedback', { ...withoutKey, ...apiBody(), challenge: body.challenge, nonce: body.nonce });
    expect(other.status).toBe(400);
  });

  it('refuses public API input that breaks the rules with field messages in Vietnamese', async () => {
    const agent = new TestAgent(p.app);
    const ch = (await agent.get('/api/v1/public/feedback/challenge', { accept: 'application/json' })).json();
    const res = await agent.api('POST', '/api/v1/public/feedback', { ...apiBody(), submitterEmail: '', challenge: ch.challenge, nonce: solvePow(ch.challenge, ch.difficulty) });
    expect(res.status).toBe(400);
    expect(res.json().error.fields.submitterEmail).toMatch(/điện thoại/);
  });

  it('lets staff with feedback.record record a case by token, keeping the channel and the recorder', async () => {
    const officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const { token } = await createApiToken(p.ctx.db, officer.id, 'intake test', SYSTEM_ACTOR);
    const agent = new TestAgent(p.app);
    const res = await agent.api('POST', '/api/v1/feedback', { ...apiBody(), channel: 'phone' }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, res.json().code));
    expect(row!.channel).toBe('phone');
    expect(row!.recordedBy).toBe(officer.id);
    const events = await p.ctx.db.select().from(feedbackEvent).where(eq(feedbackEvent.submissionId, row!.id));
    expect(events.map((e) => e.type)).toEqual(['recorded']);
    const anonymous = await agent.api('POST', '/api/v1/feedback', { ...apiBody(), channel: 'phone' });
    expect(anonymous.status).toBe(401);
    const badChannel = await agent.api('POST', '/api/v1/feedback', { ...apiBody(), channel: 'web' }, { authorization: `Bearer ${token}` });
    expect(badChannel.status).toBe(400);
  });

  it('shows the staff recording form only to users with feedback.record and stores its channel', async () => {
    const officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const { agentFor } = await import('../support/sessions');
    const staff = await agentFor(p.app, p.ctx.db, officer.id);
    const page = await staff.get('/cases/new');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ghi nhận PAKN');
    expect(page.body).not.toContain('Câu hỏi kiểm tra');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)![1]!;
    const { termsAgree: _t, ...fields } = validFields();
    const res = await postMultipart(staff, '/cases/new', { ...fields, channel: 'in_person', idempotencyKey: key });
    expect(res.status).toBe(200);
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, codeIn(res.body)));
    expect(row!.channel).toBe('in_person');
    expect(row!.recordedBy).toBe(officer.id);
    const anon = new TestAgent(p.app);
    expect((await anon.get('/cases/new')).status).toBeGreaterThanOrEqual(300);
  });
});
