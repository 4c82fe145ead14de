/**
 * Demo data, clearly marked (`is_demo`, "[DEMO]" in names, the @demo.nq57.vn domain): one account
 * per role at a realistic unit, and a little activity. Left out with `--no-demo`.
 */
import { createUser } from '../org/create-user';
import { SYSTEM_ACTOR } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import type { Mailer } from '../platform/mail/mailer';
import type { Role } from '../org/schema';
import { isSeeded, markSeeded } from './seed-reference';

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
  await db.transaction(async (tx) => {
    await mailer.queueMail(tx, {
      to: DEMO_ACCOUNTS[0].email,
      subject: '[DEMO] Chào mừng đến với nền tảng Nghị quyết 57',
      text: 'Đây là thư minh họa trong hộp thư đi. Khi chưa cấu hình SMTP, mọi thư hệ thống gửi được lưu tại đây để quản trị viên đọc.',
    });
    await markSeeded(tx, 'seed.demo', { at: new Date().toISOString(), accounts: DEMO_ACCOUNTS.length });
  });
  return DEMO_ACCOUNTS;
}
