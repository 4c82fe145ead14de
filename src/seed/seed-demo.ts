/**
 * Demo data, clearly marked (`is_demo`, "[DEMO]" in names, the @demo.nq57.vn domain): one account
 * per role at a realistic unit, and a little activity. Left out with `--no-demo`.
 */
import { hcmDate } from '../monitoring/dates';
import { createUser } from '../org/create-user';
import { seedDemoArticles } from '../portal/seed-demo-articles';
import { SYSTEM_ACTOR } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import type { Mailer } from '../platform/mail/mailer';
import type { Role } from '../org/schema';
import { isSeeded, markSeeded } from './seed-reference';
import { seedDemoFeedback } from '../feedback/seed-demo-feedback';
import { seedDemoIndicatorValues } from '../indicators/seed-demo-indicator-values';
import { seedDemoChecklists } from '../indicators/checklist/seed-demo-checklists';
import { seedDemoScoreSnapshots } from '../indicators/scoring/seed-demo-snapshots';
import { eq, inArray } from 'drizzle-orm';
import { plan, task } from '../monitoring/schema';
import { appUser, orgUnit } from '../org/schema';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Tx } from '../platform/db/client';
import { foldText } from '../platform/text/fold';

export const DEMO_PASSWORD = 'Demo@nq57-2025';

export interface DemoAccount {
  email: string;
  fullName: string;
  role: Role;
  orgCode?: string;
  jobTitle: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'quantri@demo.nq57.vn', fullName: '[DEMO] Nguyễn Văn Quản', role: 'admin', jobTitle: 'Quản trị hệ thống' },
  { email: 'thuongtruc@demo.nq57.vn', fullName: '[DEMO] Trần Thị Thường', role: 'standing_office', jobTitle: 'Chuyên viên Văn phòng Trung ương Đảng' },
  { email: 'lanhdao.bkhcn@demo.nq57.vn', fullName: '[DEMO] Lê Minh Đạo', role: 'leader', orgCode: 'BKHCN', jobTitle: 'Thứ trưởng' },
  { email: 'chuyenvien.bkhcn@demo.nq57.vn', fullName: '[DEMO] Phạm Thu Hà', role: 'officer', orgCode: 'BKHCN', jobTitle: 'Chuyên viên chính' },
  { email: 'lanhdao.hanoi@demo.nq57.vn', fullName: '[DEMO] Hoàng Đức Anh', role: 'leader', orgCode: '01', jobTitle: 'Phó Chủ tịch UBND Thành phố' },
  { email: 'chuyenvien.hanoi@demo.nq57.vn', fullName: '[DEMO] Vũ Ngọc Lan', role: 'officer', orgCode: '01.SKHCN', jobTitle: 'Chuyên viên Sở KH&CN' },
  { email: 'chuyenvien.hoankiem@demo.nq57.vn', fullName: '[DEMO] Đỗ Quang Huy', role: 'officer', orgCode: '00070', jobTitle: 'Công chức phường' },
  { email: 'lanhdao.danang@demo.nq57.vn', fullName: '[DEMO] Ngô Thanh Sơn', role: 'leader', orgCode: '48', jobTitle: 'Phó Chủ tịch UBND Thành phố' },
  { email: 'chuyengia@demo.nq57.vn', fullName: '[DEMO] GS. Bùi Khoa Học', role: 'expert', jobTitle: 'Thành viên Hội đồng Tư vấn' },
  { email: 'bientap@demo.nq57.vn', fullName: '[DEMO] Đinh Thị Biên', role: 'editor', orgCode: 'VPTW', jobTitle: 'Biên tập viên Cổng thông tin' },
  { email: 'nguoixem@demo.nq57.vn', fullName: '[DEMO] Lý Văn Xem', role: 'viewer', jobTitle: 'Cán bộ theo dõi' },
];

export async function seedDemoData(db: Database, mailer: Mailer): Promise<DemoAccount[] | null> {
  if (await isSeeded(db, 'seed.demo')) return null;
  const actor = { ...SYSTEM_ACTOR, label: 'seed-demo' };
  for (const a of DEMO_ACCOUNTS) {
    await createUser(
      db,
      { email: a.email, fullName: a.fullName, password: DEMO_PASSWORD, role: a.role, orgCode: a.orgCode, jobTitle: a.jobTitle, isDemo: true },
      { principal: null, actor },
    );
  }
  await seedDemoFeedback(db);
  await seedDemoIndicatorValues(db);
  await seedDemoChecklists(db);
  await db.transaction(async (tx) => {
    await seedDemoPlan(tx, actor);
    await seedDemoArticles(tx, actor);
    await mailer.queueMail(tx, {
      to: DEMO_ACCOUNTS[0].email,
      subject: '[DEMO] Chào mừng đến với nền tảng Nghị quyết 57',
      text: 'Đây là thư minh họa trong hộp thư đi. Khi chưa cấu hình SMTP, mọi thư hệ thống gửi được lưu tại đây để quản trị viên đọc.',
    });
    await markSeeded(tx, 'seed.demo', { at: new Date().toISOString(), accounts: DEMO_ACCOUNTS.length });
  });
  // after the demo plan: snapshots count its tasks
  await seedDemoScoreSnapshots(db);
  return DEMO_ACCOUNTS;
}

/** yyyy-mm-dd, `days` from today (Asia/Ho_Chi_Minh), so demo deadlines stay near the present. */
function dayFromToday(days: number): string {
  return hcmDate(new Date(Date.now() + days * 86_400_000));
}

/** A small provincial plan for Hà Nội whose tasks sit around today: late, due soon, done, not started. */
async function seedDemoPlan(tx: Tx, actor: Actor) {
  const units = await tx.select().from(orgUnit).where(inArray(orgUnit.code, ['01', '01.SKHCN', '00070']));
  const unit = (code: string) => units.find((u) => u.code === code)!.id;
  const [officer] = await tx.select().from(appUser).where(eq(appUser.email, 'chuyenvien.hanoi@demo.nq57.vn'));
  const [leader] = await tx.select().from(appUser).where(eq(appUser.email, 'lanhdao.hanoi@demo.nq57.vn'));
  const [demoPlan] = await tx
    .insert(plan)
    .values({
      code: 'DEMO-HN-2026',
      title: '[DEMO] Kế hoạch triển khai Nghị quyết 57-NQ/TW của Thành phố Hà Nội năm 2026',
      documentNumber: 'DEMO/KH-UBND',
      issuingUnitId: unit('01'),
      reportingCadence: 'monthly',
      isDemo: true,
    })
    .returning();
  const rows = [
    { code: 'DEMO-HN-01', group: 'III', title: 'Số hóa hồ sơ thủ tục hành chính cấp xã, phường', lead: '01.SKHCN', deadline: -10, status: 'in_progress' as const, percent: 60, output: 'Báo cáo kết quả số hóa' },
    { code: 'DEMO-HN-02', group: 'II', title: 'Ban hành quy chế thí điểm cơ chế thử nghiệm có kiểm soát (sandbox) cho doanh nghiệp công nghệ', lead: '01.SKHCN', deadline: 5, status: 'in_progress' as const, percent: 80, output: 'Quyết định của UBND Thành phố' },
    { code: 'DEMO-HN-03', group: 'I', title: 'Tổ chức phong trào “Bình dân học vụ số” tại phường', lead: '00070', deadline: 30, status: 'done_on_time' as const, percent: 100, output: 'Báo cáo tổng kết' },
    { code: 'DEMO-HN-04', group: 'IV', title: 'Xây dựng kho dữ liệu mở của Thành phố về khoa học, công nghệ', lead: '01.SKHCN', deadline: 45, status: 'not_started' as const, percent: 0, output: 'Cổng dữ liệu mở' },
  ];
  for (const r of rows) {
    const [created] = await tx
      .insert(task)
      .values({
        planId: demoPlan.id,
        code: r.code,
        groupNumber: r.group,
        title: `[DEMO] ${r.title}`,
        leadUnitId: unit(r.lead),
        leadUnitCodes: [r.lead],
        assigningUnitId: unit('01'),
        output: r.output,
        deadline: dayFromToday(r.deadline),
        originalDeadline: dayFromToday(r.deadline),
        status: r.status,
        percentDone: r.percent,
        completedAt: r.status === 'done_on_time' ? new Date() : null,
        bloc: 'government',
        responsibleUserId: officer?.id ?? null,
        responsibleName: officer?.fullName ?? null,
        accountableUserId: leader?.id ?? null,
        accountableName: leader?.fullName ?? null,
        searchText: foldText(`${r.code} ${r.title}`),
        isDemo: true,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'task.create', entityType: 'task', entityId: created.id, after: created });
  }
}
