/**
 * A submitter's personal data (Decree 13/2023/NĐ-CP) through HTTP on a real database: export as
 * JSON and erasure by the submitter (code + PIN, no JavaScript) and by staff on a written request;
 * after erasure no contact data, free text or file is left, the case's statistics are, a published
 * answer shows no name, and the audit trail records the erasure without the erased values.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAttachments } from '../../src/feedback/intake/attachments';
import { receiveFeedback } from '../../src/feedback/intake/receive-feedback';
import { feedbackAnswer, feedbackAssignment, feedbackAttachment, feedbackEvent, feedbackInfoRequest, feedbackSubmission } from '../../src/feedback/schema';
import { orgUnit } from '../../src/org/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { chainAuditEvents } from '../../src/platform/audit/chain-audit-events';
import { verifyAuditChain } from '../../src/platform/audit/verify-audit-chain';
import { storedFile } from '../../src/platform/files/schema';
import { pathForHash } from '../../src/platform/files/store';
import { mailOutbox } from '../../src/platform/mail/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-privacy-'));
  p = await createTestPlatform({ config: { dataDir } });
}, 60_000);

afterAll(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const NAME = 'Lê Thị Hồng Nhung';
let seq = 0;

/** A case as the public form stores it, with one PDF attachment, an answered information request and a named published answer. */
async function seedCase(over: { email?: string; phone?: string; other?: boolean } = {}) {
  seq++;
  const marker = randomUUID().slice(0, 8);
  const email = over.email ?? `nhung-${marker}@example.vn`;
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%${marker}\n%%EOF\n`);
  const files = await prepareAttachments(dataDir, [{ fieldName: 'files', fileName: `giay-to-${marker}.pdf`, buffer: pdf }]);
  const r = await receiveFeedback(
    p.ctx,
    {
      kind: 'feedback',
      topicCode: 'thu-tuc-hanh-chinh',
      title: over.other ? `Đề nghị mở rộng sóng di động ở vùng ven ${marker}` : `Hồ sơ cấp phép của tôi bị trả lại nhiều lần ${marker}`,
      content: over.other
        ? `Gia đình ${NAME} ở xóm Bãi Giữa không có sóng điện thoại, học sinh không học trực tuyến được, đề nghị nhà mạng lắp trạm (${marker}).`
        : `Tôi là ${NAME}, ở số 12 phố Hàng Bạc, đã nộp hồ sơ ba lần nhưng cổng dịch vụ công đều báo lỗi ký số (${marker}).`,
      submitterType: 'individual',
      submitterName: NAME,
      submitterEmail: email,
      submitterPhone: over.phone ?? `09${String(10_000_000 + seq).slice(-8)}`,
      submitterAddress: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội',
      submitterIdNumber: '001190012345',
      locationCode: '01',
      publishConsent: 'named',
    },
    { actor: SYSTEM_ACTOR, channel: 'web', ip: `192.0.2.${seq}`, files },
  );
  const db = p.ctx.db;
  const [unit] = await db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.code, '01'));
  const [assignment] = await db.insert(feedbackAssignment).values({ submissionId: r.id, unitId: unit!.id, status: 'answered', answeredAt: new Date() }).returning();
  await db.insert(feedbackAnswer).values({ assignmentId: assignment!.id, body: `Kính gửi bà ${NAME}, hồ sơ đã được xử lý.`, status: 'approved', approvedAt: new Date() });
  await db.insert(feedbackInfoRequest).values({ submissionId: r.id, question: 'Đề nghị cho biết số hồ sơ.', reply: `Số hồ sơ của ${NAME} là 000.00.12.H26`, repliedAt: new Date() });
  await db
    .update(feedbackSubmission)
    .set({ status: 'answered', answeredAt: new Date(), publishedAt: new Date(), publicAnswer: `Kính gửi bà ${NAME}, hồ sơ đã được xử lý.`, rating: 4, ratingComment: `Cảm ơn, ${NAME}` })
    .where(eq(feedbackSubmission.id, r.id));
  return { ...r, email, marker, fileHash: files[0]!.hash };
}

async function row(id: string) {
  const [s] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, id));
  return s!;
}

async function auditOf(id: string, action: string) {
  return p.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, id), eq(auditEvent.action, action)));
}

describe(`submitter's own requests (code + PIN) on ${backend}`, () => {
  it('downloads everything held about the case as JSON, without JavaScript; a wrong PIN gets nothing', async () => {
    const c = await seedCase();
    const agent = new TestAgent(p.app);
    const form = await agent.get('/feedback/my-data');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Nghị định 13/2023/NĐ-CP');
    expect(form.body).not.toContain('<script');

    const wrong = await agent.postForm('/feedback/my-data', { code: c.code, pin: '00000000', action: 'export' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('không đúng');
    expect(wrong.body).not.toContain(c.email);

    const res = await agent.postForm('/feedback/my-data', { code: c.code, pin: c.pin, action: 'export' });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(`du-lieu-ca-nhan-${c.code}.json`);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.submitter).toMatchObject({ name: NAME, email: c.email, idNumber: '001190012345', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội' });
    expect(data.cases).toHaveLength(1);
    const [one] = data.cases;
    expect(one).toMatchObject({ code: c.code, kind: 'feedback', locationCode: '01', status: 'answered' });
    expect(one.content).toContain(c.marker);
    expect(one.timeline.map((e: { type: string }) => e.type)).toContain('received');
    expect(one.informationRequests[0].reply).toContain('000.00.12.H26');
    expect(one.answer.text).toContain('hồ sơ đã được xử lý');
    expect(one.attachments).toEqual([expect.objectContaining({ fileName: `giay-to-${c.marker}.pdf`, mimeType: 'application/pdf', sha256: c.fileHash })]);

    // the export is accounted for, its contents are not copied into the audit trail
    const [audit] = await auditOf(c.id, 'feedback.personal_data_exported');
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit!.after)).not.toContain(c.email);
  });

  it('erases personal data after an explicit confirmation, keeps the statistics, and shows no name in the published answer', async () => {
    const c = await seedCase();
    const other = await seedCase(); // untouched: a different submitter
    const before = await row(c.id);
    const agent = new TestAgent(p.app);
    // with 'named' consent the published answer shows the name until the erasure
    expect((await new TestAgent(p.app).get(`/feedback/answers/${c.code}`)).body).toContain('Nhung');

    const confirm = await agent.postForm('/feedback/my-data', { code: c.code, pin: c.pin, action: 'erase' });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Xác nhận xóa thông tin cá nhân');
    expect(confirm.body).not.toContain(c.email);

    const unconfirmed = await agent.postForm('/feedback/my-data/erase', { code: c.code, pin: c.pin });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain('Hãy đánh dấu ô xác nhận');
    expect((await row(c.id)).submitterEmail).toBe(c.email);

    const badPin = await agent.postForm('/feedback/my-data/erase', { code: c.code, pin: '12345678', confirm: 'on' });
    expect(badPin.status).toBe(400);
    expect((await row(c.id)).submitterEmail).toBe(c.email);

    const done = await agent.postForm('/feedback/my-data/erase', { code: c.code, pin: c.pin, confirm: 'on' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Đã xóa thông tin cá nhân');

    const after = await row(c.id);
    // contacts and free text gone
    expect(after).toMatchObject({
      submitterEmail: null,
      submitterPhone: null,
      submitterAddress: null,
      submitterIdNumber: null,
      organisationName: null,
      ratingComment: null,
      publishConsent: 'anonymous',
    });
    for (const v of [after.submitterName, after.title, after.content, after.searchText, after.publicAnswer ?? '']) {
      expect(v).not.toContain('Nhung');
      expect(v).not.toContain(c.marker);
    }
    // statistics kept
    expect(after).toMatchObject({
      code: before.code,
      kind: before.kind,
      topicCode: before.topicCode,
      locationUnitId: before.locationUnitId,
      status: before.status,
      channel: before.channel,
      submitterType: before.submitterType,
      rating: 4,
    });
    expect(after.createdAt.getTime()).toBe(before.createdAt.getTime());
    expect(after.publicAnswer).toContain('hồ sơ đã được xử lý');

    // replies, answers and mails no longer name the person
    const replies = await p.ctx.db.select().from(feedbackInfoRequest).where(eq(feedbackInfoRequest.submissionId, c.id));
    expect(replies[0]!.reply).not.toContain(NAME);
    expect(replies[0]!.repliedAt).not.toBeNull();
    const answers = await p.ctx.db
      .select({ body: feedbackAnswer.body })
      .from(feedbackAnswer)
      .innerJoin(feedbackAssignment, eq(feedbackAssignment.id, feedbackAnswer.assignmentId))
      .where(eq(feedbackAssignment.submissionId, c.id));
    expect(answers[0]!.body).not.toContain(NAME);
    expect(await p.ctx.db.$count(mailOutbox, eq(mailOutbox.toAddress, c.email))).toBe(0);
    expect(await p.ctx.db.$count(mailOutbox, eq(mailOutbox.toAddress, other.email))).toBe(1);

    // attachments removed, bytes too
    expect(await p.ctx.db.$count(feedbackAttachment, eq(feedbackAttachment.submissionId, c.id))).toBe(0);
    expect(await p.ctx.db.$count(storedFile, eq(storedFile.hash, c.fileHash))).toBe(0);
    expect(fs.existsSync(pathForHash(dataDir, c.fileHash))).toBe(false);
    expect(fs.existsSync(pathForHash(dataDir, other.fileHash))).toBe(true);

    // the published answer page and the open data show no name
    const page = await new TestAgent(p.app).get(`/feedback/answers/${c.code}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Nhung');
    expect((await new TestAgent(p.app).get('/open-data/feedback.json')).body).not.toContain(NAME);

    // the timeline says so publicly; the audit records what, not the values
    const events = await p.ctx.db.select().from(feedbackEvent).where(and(eq(feedbackEvent.submissionId, c.id), eq(feedbackEvent.type, 'personal_data_erased')));
    expect(events).toHaveLength(1);
    expect(events[0]!.isPublic).toBe(true);
    const [audit] = await auditOf(c.id, 'feedback.personal_data_erased');
    expect(audit!.after).toMatchObject({ code: c.code, requestedBy: 'submitter', attachmentsRemoved: 1 });
    const auditText = JSON.stringify([audit!.before, audit!.after]);
    for (const secret of [c.email, NAME, '001190012345', 'Hàng Bạc', c.marker]) expect(auditText).not.toContain(secret);

    // the lookup still works with the code and PIN; a second erasure changes nothing
    const look = await new TestAgent(p.app).postForm('/feedback/lookup', { code: c.code, pin: c.pin });
    expect(look.status).toBe(200);
    expect(look.body).toContain('đã được xóa theo yêu cầu');
    const again = await new TestAgent(p.app).postForm('/feedback/my-data/erase', { code: c.code, pin: c.pin, confirm: 'on' });
    expect(again.status).toBe(200);
    expect(again.body).toContain('đã được xóa trước đây');
    expect(await auditOf(c.id, 'feedback.personal_data_erased')).toHaveLength(1);

    // the other submitter's case is untouched
    expect((await row(other.id)).submitterName).toBe(NAME);

    // an export after erasure holds nothing personal
    const exported = await new TestAgent(p.app).postForm('/feedback/my-data', { code: c.code, pin: c.pin, action: 'export' });
    const text = exported.body;
    for (const secret of [c.email, NAME, '001190012345', c.marker]) expect(text).not.toContain(secret);
    expect(exported.json().cases[0].attachments).toEqual([]);
  });

  it('offers the same through the public JSON API, with Vietnamese errors', async () => {
    const c = await seedCase();
    const agent = new TestAgent(p.app);
    const exp = await agent.api('POST', `/api/v1/public/feedback/${c.code}/personal-data`, { pin: c.pin });
    expect(exp.status).toBe(200);
    expect(exp.json().submitter.email).toBe(c.email);
    const wrong = await agent.api('POST', `/api/v1/public/feedback/${c.code}/personal-data`, { pin: '99999999' });
    expect(wrong.status).toBe(404);
    expect(wrong.json().error.message).toContain('không đúng');
    const noConfirm = await agent.api('POST', `/api/v1/public/feedback/${c.code}/erasure`, { pin: c.pin });
    expect(noConfirm.status).toBe(400);
    expect((await row(c.id)).submitterEmail).toBe(c.email);
    const erased = await agent.api('POST', `/api/v1/public/feedback/${c.code}/erasure`, { pin: c.pin, confirm: true });
    expect(erased.status).toBe(200);
    expect(erased.json().items).toEqual([{ code: c.code, alreadyErased: false, attachmentsRemoved: 1 }]);
    expect((await row(c.id)).submitterEmail).toBeNull();
  });
});

describe(`staff handling a written request on ${backend}`, () => {
  it('lets the standing office export and erase every case of one contact; others are refused', async () => {
    const email = `nhieu-ho-so-${randomUUID().slice(0, 6)}@example.vn`;
    const first = await seedCase({ email });
    const second = await seedCase({ email, other: true });
    const office = await makeUser(p.ctx.db, { role: 'standing_office', orgCode: 'VPTW' });
    const officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });

    const denied = await agentFor(p.app, p.ctx.db, officer.id);
    expect((await denied.get('/admin/personal-data')).status).toBe(403);
    expect((await denied.api('GET', `/api/v1/feedback/personal-data?code=${first.code}`)).status).toBe(403);
    expect((await denied.api('POST', '/api/v1/feedback/personal-data/erasure', { code: first.code, reason: 'Đơn số 1' })).status).toBe(403);
    expect((await new TestAgent(p.app).api('GET', `/api/v1/feedback/personal-data?code=${first.code}`)).status).toBe(401);

    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const page = await agent.get('/admin/personal-data');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Yêu cầu về dữ liệu cá nhân');
    const exp = await agent.api('GET', `/api/v1/feedback/personal-data?code=${first.code}`);
    expect(exp.status).toBe(200);
    expect(exp.json().cases.map((c: { code: string }) => c.code).sort()).toEqual([first.code, second.code].sort());

    // the form asks for a basis and a confirmation, and changes nothing without them
    const missing = await agent.postForm('/admin/personal-data', { code: first.code, action: 'erase' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Hãy ghi căn cứ của yêu cầu');
    expect(missing.body).toContain('Hãy đánh dấu ô xác nhận');
    expect((await row(first.id)).submitterEmail).toBe(email);
    const unknown = await agent.postForm('/admin/personal-data', { code: 'PAKN-2019-000001', action: 'export' });
    expect(unknown.status).toBe(404);

    const done = await agent.postForm('/admin/personal-data', { code: first.code, action: 'erase', reason: 'Đơn đề nghị số 15 ngày 20/11/2026', confirm: 'on' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Đã xóa thông tin cá nhân trong 2 phản ánh');
    for (const id of [first.id, second.id]) {
      expect((await row(id)).submitterEmail).toBeNull();
      const [audit] = await auditOf(id, 'feedback.personal_data_erased');
      expect(audit!.actorUserId).toBe(office.id);
      expect(audit!.after).toMatchObject({ requestedBy: 'staff', reason: 'Đơn đề nghị số 15 ngày 20/11/2026' });
    }
  });

  it('keeps the audit chain valid', async () => {
    await chainAuditEvents(p.ctx.db);
    const r = await verifyAuditChain(p.ctx.db);
    expect(r.ok).toBe(true);
  });
});
