/**
 * Hostile files through every real upload endpoint (issue 8): the public PAKN form, report
 * evidence, indicator evidence, portal documents and article covers. Each file of the hostile set
 * (test/support/hostile-files.ts), and one oversize file per endpoint, must get a 4xx (never a 5xx)
 * with its Vietnamese message naming the file, and leave no `stored_file` row and no blob under
 * `<dataDir>/files`. A sound file per endpoint is then stored, so the counts can move.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeLimits } from '../../src/feedback/intake/limits';
import { plan, task } from '../../src/monitoring/schema';
import { findUnitByCode, rootUnit } from '../../src/org/queries';
import { storedFile } from '../../src/platform/files/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type HostileFile, hostileFiles, minimalDocx, minimalPdf, smallJpeg, smallPng } from '../support/hostile-files';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

type Kind = HostileFile['kind'];
interface Sent {
  status: number;
  body: string;
}
interface Endpoint {
  name: string;
  /** kinds this endpoint takes; any other is refused as a wrong type */
  takes: Kind[];
  /** a phrase of the endpoint's wrong-type message */
  typePhrase: string;
  /** bytes just over the endpoint's limit, and a phrase of the answer */
  limitBytes: number;
  tooLargePhrase: string;
  send(fileName: string, content: Buffer): Promise<Sent>;
  good(): Promise<{ fileName: string; content: Buffer }>;
  /** status of a successful post */
  okStatus: number;
}

let p: TestPlatform;
let dataDir: string;
let hostile: HostileFile[];
const endpoints: Endpoint[] = [];
const MB = 1024 * 1024;

function multipart(fields: [string, string][], file: { field: string; fileName: string; content: Buffer }) {
  const boundary = `----nq57${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = fields.map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a form with one file as a browser would: the CSRF field first. */
async function post(agent: TestAgent, url: string, fields: Record<string, string>, file: { field: string; fileName: string; content: Buffer }): Promise<Sent> {
  const body = multipart([['_csrf', await agent.csrf()], ...Object.entries(fields)], file);
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await p.app.inject({ method: 'POST', url, headers: { accept: 'text/html', cookie, 'content-type': body.contentType }, payload: body.payload });
  return { status: res.statusCode, body: res.body };
}

const NUMBERS: Record<string, number> = { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };

/** The public PAKN form: a fresh form (idempotency key, signed challenge) for every post. */
async function postFeedback(fileName: string, content: Buffer): Promise<Sent> {
  const visitor = new TestAgent(p.app);
  const form = (await visitor.get('/feedback/new')).body;
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(form)?.[1] ?? '';
  const q = /Câu hỏi kiểm tra: (\S+) (cộng|trừ) (\S+) bằng mấy\?/.exec(form)!;
  const a = NUMBERS[q[1].toLowerCase()];
  const b = NUMBERS[q[3]];
  const n = randomUUID().slice(0, 8);
  const fields = {
    kind: 'feedback',
    topicCode: 'thu-tuc-hanh-chinh',
    title: `Cổng dịch vụ công báo lỗi khi nộp hồ sơ ${n}`,
    content: `Khi nộp hồ sơ trực tuyến, bước ký số báo lỗi và không lưu được hồ sơ (mã ${n}).`,
    submitterType: 'individual',
    submitterName: 'Phạm Thị Hoa',
    submitterEmail: `hoa-${n}@example.vn`,
    publishConsent: 'anonymous',
    termsAgree: 'on',
    idempotencyKey: hidden('idempotencyKey'),
    challenge: hidden('challenge'),
    challengeAnswer: String(q[2] === 'cộng' ? a + b : a - b),
    action: 'submit',
  };
  return post(visitor, '/feedback/new', fields, { field: 'files', fileName, content });
}

async function storedCount() {
  return p.ctx.db.$count(storedFile);
}

function blobCount(): number {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return 0;
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).length;
}

beforeAll(async () => {
  intakeLimits.submitsPerIpPerHour = 10_000;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-hostile-'));
  p = await createTestPlatform({ config: { dataDir } });
  const db = p.ctx.db;
  hostile = await hostileFiles();

  const officerHN = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '01' })).id);
  const officerHCM = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '79' })).id);
  const editorNat = await agentFor(p.app, db, (await makeUser(db, { role: 'editor', orgCode: 'VPTW' })).id);
  const editorHN = await agentFor(p.app, db, (await makeUser(db, { role: 'editor', orgCode: '01' })).id);
  const hanoi = (await findUnitByCode(db, '01'))!;
  const vptw = (await findUnitByCode(db, 'VPTW'))!;
  const [pl] = await db.insert(plan).values({ code: `KH-${randomUUID().slice(0, 8)}`, title: 'Kế hoạch kiểm thử tệp độc hại', reportingCadence: 'monthly' }).returning();
  const [t] = await db
    .insert(task)
    .values({ planId: pl.id, code: `NV-${randomUUID().slice(0, 8)}`, title: 'Số hoá hồ sơ lưu trữ', leadUnitId: hanoi.id, assigningUnitId: (await rootUnit(db))!.id, deadline: '2099-12-31' })
    .returning();

  const uniquePdf = () => minimalPdf(` /Lang (vi-${randomUUID()})`);
  endpoints.push(
    {
      name: 'PAKN public submission',
      takes: ['pdf', 'png', 'jpeg', 'docx', 'doc'],
      typePhrase: 'không thuộc loại được chấp nhận',
      limitBytes: 10 * MB,
      tooLargePhrase: 'quá lớn: tối đa 10 MB',
      send: postFeedback,
      good: async () => ({ fileName: 'anh-hien-truong.jpg', content: await smallJpeg(`#${randomUUID().slice(0, 6)}`) }),
      okStatus: 200,
    },
    {
      name: 'report submission',
      takes: ['pdf', 'png', 'jpeg', 'docx', 'text'],
      typePhrase: 'không đúng định dạng cho phép',
      limitBytes: 20 * MB,
      tooLargePhrase: 'tối đa 20 MB',
      send: (fileName, content) =>
        post(officerHN, `/tasks/${t.id}/reports`, { kind: 'periodic', periodDate: '2026-11-15', percentDone: '10', doneText: 'Đã rà soát hồ sơ.' }, { field: 'files', fileName, content }),
      good: async () => ({ fileName: 'bien-ban.docx', content: minimalDocx(`Biên bản ${randomUUID()}`) }),
      okStatus: 303,
    },
    {
      name: 'indicator evidence',
      takes: ['pdf', 'png', 'jpeg', 'docx', 'text'],
      typePhrase: 'không đúng định dạng cho phép',
      limitBytes: 20 * MB,
      tooLargePhrase: 'tối đa 20 MB',
      send: (fileName, content) => post(officerHCM, '/indicators/report/entry?unit=79&period=2026-Q2&code=DP-01', { 'value_DP-01': '75' }, { field: 'file_DP-01', fileName, content }),
      good: async () => ({ fileName: 'bao-cao-quy-2.pdf', content: uniquePdf() }),
      okStatus: 303,
    },
    {
      name: 'portal document upload',
      takes: ['pdf', 'docx'],
      typePhrase: 'không đúng định dạng cho phép',
      limitBytes: 20 * MB,
      tooLargePhrase: 'tối đa 20 MB',
      send: (fileName, content) =>
        post(
          editorNat,
          '/editor/documents',
          { sectionUnitId: vptw.id, number: `${Math.floor(Math.random() * 1e6)}/KH-TEP`, docType: 'ke_hoach', title: 'Kế hoạch kiểm thử tệp', issuer: 'Văn phòng kiểm thử', issuedOn: '2025-03-10', effectiveOn: '2025-03-10', status: 'in_force', summary: 'Tóm tắt' },
          { field: 'file', fileName, content },
        ),
      good: async () => ({ fileName: 'ke-hoach.pdf', content: uniquePdf() }),
      okStatus: 303,
    },
    {
      name: 'article cover upload',
      takes: ['png', 'jpeg'],
      typePhrase: 'phải là ảnh PNG hoặc JPEG',
      limitBytes: 10 * MB,
      tooLargePhrase: 'quá lớn: tối đa 10 MB',
      send: (fileName, content) => post(editorHN, '/editor/articles', { sectionUnitId: hanoi.id, title: `Bài có ảnh bìa ${randomUUID().slice(0, 6)}`, body: 'Nội dung bài.', coverAlt: 'Ảnh minh hoạ' }, { field: 'cover', fileName, content }),
      good: async () => ({ fileName: 'anh-bia.png', content: await smallPng(`#${randomUUID().slice(0, 6)}`) }),
      okStatus: 303,
    },
  );
});
afterAll(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`hostile files on every upload endpoint (${backend})`, () => {
  const names = ['PAKN public submission', 'report submission', 'indicator evidence', 'portal document upload', 'article cover upload'];
  for (const name of names) {
    it(`${name}: refuses every hostile file with a 4xx and its Vietnamese message, storing nothing`, async () => {
      const endpoint = endpoints.find((e) => e.name === name)!;
      const rows = await storedCount();
      const blobs = blobCount();
      for (const f of hostile) {
        const res = await endpoint.send(f.fileName, f.content);
        expect(res.status, `${f.label}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, f.label).toBeLessThan(500);
        const phrase = f.byName || endpoint.takes.includes(f.kind) ? f.phrase : endpoint.typePhrase;
        expect(res.body, f.label).toContain(phrase);
        expect(res.body, f.label).toContain(f.fileName);
      }
      const oversize = Buffer.concat([minimalPdf(), Buffer.alloc(endpoint.limitBytes + 1 - minimalPdf().length)]);
      const big = await endpoint.send('qua-lon.pdf', oversize);
      expect(big.status).toBeGreaterThanOrEqual(400);
      expect(big.status).toBeLessThan(500);
      expect(big.body).toContain(endpoint.tooLargePhrase);
      expect(await storedCount()).toBe(rows);
      expect(blobCount()).toBe(blobs);

      // the same endpoint stores a sound file, so the counts above could have moved
      const good = await endpoint.good();
      const ok = await endpoint.send(good.fileName, good.content);
      expect(ok.status, ok.body.slice(0, 300)).toBe(endpoint.okStatus);
      expect(await storedCount()).toBe(rows + 1);
      expect(blobCount()).toBe(blobs + 1);
    });
  }
});
