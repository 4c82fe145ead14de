/**
 * Demo PAKN-GPSK cases (is_demo), written once with the real use-cases where they exist:
 * submitFeedback for every case (back-dated over the last months so the statistics show a trend),
 * then the rows of forwarding, agency answers and publication written directly, and one initiative
 * reviewed by the demo expert and adopted by the standing office through reviewInitiative and
 * decideInitiative, so it becomes a task of the SANG-KIEN plan. All names and texts are invented.
 */
import { searchTextWithAnswer } from './answer-search-text';
import { eq, inArray, sql } from 'drizzle-orm';
import { hcmDate } from '../monitoring/dates';
import { task } from '../monitoring/schema';
import { loadPrincipal } from '../org/queries';
import { appUser, orgUnit } from '../org/schema';
import { SYSTEM_ACTOR } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { decideInitiative } from './initiatives/decide-initiative';
import { reviewInitiative } from './initiatives/review-initiative';
import { PUBLIC_EVENT_TYPES, type FeedbackEventType } from './record-feedback-event';
import {
  type PublishConsent,
  type SubmissionKind,
  type SubmissionStatus,
  type SubmitterType,
  feedbackAnswer,
  feedbackAssignment,
  feedbackEvent,
  feedbackSubmission,
} from './schema';
import { type SubmitFeedbackInput, submitFeedback } from './submit-feedback';

const DAY = 86_400_000;

type DemoState = 'received' | 'forwarded' | 'in_progress' | 'awaiting_info' | 'answered' | 'rejected';

interface DemoCase {
  kind: SubmissionKind;
  topic: string;
  title: string;
  content: string;
  name: string;
  type?: SubmitterType;
  organisation?: string;
  consent: PublishConsent;
  daysAgo: number;
  state: DemoState;
  agencies?: string[];
  /** days after receipt the answer was approved; past the 30-day deadline means late */
  answeredAfter?: number;
  answer?: string;
  proposal?: Pick<SubmitFeedbackInput, 'problem' | 'proposal' | 'expectedImpact' | 'estimatedCost' | 'feasibility'>;
}

const ANSWER_DAYS = 30;

export const DEMO_FEEDBACK: DemoCase[] = [
  {
    kind: 'feedback',
    topic: 'thu-tuc-hanh-chinh',
    title: 'Dịch vụ công cấp phiếu lý lịch tư pháp trực tuyến báo lỗi khi thanh toán',
    content: 'Tôi nộp hồ sơ cấp phiếu lý lịch tư pháp trên Cổng dịch vụ công quốc gia, đến bước thanh toán trực tuyến thì hệ thống báo lỗi và hồ sơ trở về trạng thái chưa nộp. Đã thử ba lần trong hai ngày.',
    name: '[DEMO] Nguyễn Thị Hạnh',
    consent: 'anonymous',
    daysAgo: 290,
    state: 'answered',
    agencies: ['BTP'],
    answeredAfter: 12,
    answer: 'Bộ Tư pháp đã phối hợp với đơn vị cung cấp dịch vụ thanh toán khắc phục lỗi kết nối từ ngày 15. Đề nghị công dân nộp lại hồ sơ; lệ phí đã trừ (nếu có) được hoàn trong 5 ngày làm việc.',
  },
  {
    kind: 'recommendation',
    topic: 'the-che',
    title: 'Kiến nghị hướng dẫn cơ chế khoán chi đến sản phẩm cuối cùng cho đề tài cấp tỉnh',
    content: 'Nghị quyết 57 cho phép khoán chi đến sản phẩm cuối cùng nhưng nhiều sở chưa có hướng dẫn nên vẫn yêu cầu quyết toán từng khoản chi nhỏ. Đề nghị Bộ ban hành mẫu hướng dẫn thống nhất.',
    name: '[DEMO] PGS.TS. Trần Quốc Bảo',
    type: 'expert',
    organisation: 'Trường Đại học Bách khoa',
    consent: 'named',
    daysAgo: 260,
    state: 'answered',
    agencies: ['BKHCN', 'BTC'],
    answeredAfter: 26,
    answer: 'Bộ Khoa học và Công nghệ và Bộ Tài chính đã ban hành thông tư liên tịch hướng dẫn khoán chi đến sản phẩm cuối cùng; các địa phương áp dụng từ quý sau, không yêu cầu chứng từ chi tiết đối với phần kinh phí khoán.',
  },
  {
    kind: 'feedback',
    topic: 'ha-tang-so',
    title: 'Thôn vùng cao chưa có sóng di động 4G',
    content: 'Thôn Nậm Khánh có hơn 80 hộ nhưng chưa có sóng 4G, học sinh phải đi 3 km ra trung tâm xã để học trực tuyến.',
    name: '[DEMO] Sùng A Páo',
    consent: 'named',
    daysAgo: 230,
    state: 'answered',
    agencies: ['15'],
    answeredAfter: 41,
    answer: 'UBND tỉnh đã đưa thôn Nậm Khánh vào danh sách phủ sóng của chương trình viễn thông công ích; trạm phát sóng dự kiến hoạt động trong tháng tới.',
  },
  {
    kind: 'feedback',
    topic: 'du-lieu',
    title: 'Dữ liệu dân cư chưa đồng bộ với hồ sơ bảo hiểm xã hội',
    content: 'Khi làm thủ tục hưởng bảo hiểm thất nghiệp, hệ thống báo sai ngày sinh so với cơ sở dữ liệu quốc gia về dân cư dù căn cước đã cập nhật.',
    name: '[DEMO] Lê Văn Tùng',
    consent: 'anonymous',
    daysAgo: 200,
    state: 'answered',
    agencies: ['BHXH'],
    answeredAfter: 9,
    answer: 'Bảo hiểm xã hội Việt Nam đã đồng bộ lại dữ liệu của người lao động với cơ sở dữ liệu quốc gia về dân cư; thủ tục có thể tiếp tục ngay.',
  },
  {
    kind: 'recommendation',
    topic: 'doanh-nghiep',
    title: 'Đề nghị rút ngắn thời gian công nhận doanh nghiệp khoa học và công nghệ',
    content: 'Hồ sơ công nhận doanh nghiệp khoa học và công nghệ của công ty chúng tôi mất hơn 4 tháng. Đề nghị số hóa toàn bộ quy trình và công khai tiến độ.',
    name: '[DEMO] Công ty Cổ phần Công nghệ Sao Mai',
    type: 'business',
    organisation: 'Công ty Cổ phần Công nghệ Sao Mai',
    consent: 'named',
    daysAgo: 170,
    state: 'answered',
    agencies: ['BKHCN'],
    answeredAfter: 20,
    answer: 'Thủ tục công nhận doanh nghiệp khoa học và công nghệ đã được cung cấp trực tuyến toàn trình, thời gian giải quyết rút xuống 15 ngày làm việc.',
  },
  {
    kind: 'feedback',
    topic: 'chuyen-doi-so-co-quan',
    title: 'Phần mềm một cửa của phường thường xuyên bị treo',
    content: 'Sau khi sắp xếp chính quyền hai cấp, phần mềm một cửa của phường bị treo vào buổi sáng, người dân phải chờ lâu.',
    name: '[DEMO] Phạm Minh Châu',
    consent: 'anonymous',
    daysAgo: 140,
    state: 'answered',
    agencies: ['01'],
    answeredAfter: 35,
    answer: 'UBND Thành phố đã nâng cấp hạ tầng máy chủ của hệ thống thông tin giải quyết thủ tục hành chính; thời gian phản hồi đã ổn định.',
  },
  {
    kind: 'feedback',
    topic: 'an-ninh-mang',
    title: 'Tin nhắn giả mạo cơ quan thuế lừa cài ứng dụng',
    content: 'Nhiều người cao tuổi nhận tin nhắn giả mạo cơ quan thuế yêu cầu cài ứng dụng lạ để hoàn thuế.',
    name: '[DEMO] Vũ Thị Lan',
    consent: 'anonymous',
    daysAgo: 120,
    state: 'answered',
    agencies: ['BCA'],
    answeredAfter: 14,
    answer: 'Bộ Công an đã phối hợp với các doanh nghiệp viễn thông chặn các đầu số phát tán và phát cảnh báo trên ứng dụng định danh điện tử.',
  },
  {
    kind: 'recommendation',
    topic: 'nhan-luc',
    title: 'Kiến nghị mở rộng học bổng cho nghiên cứu sinh về bán dẫn',
    content: 'Đề nghị có chương trình học bổng riêng cho nghiên cứu sinh ngành vi mạch bán dẫn làm việc tại các viện trong nước.',
    name: '[DEMO] Đặng Hoài Nam',
    type: 'overseas',
    consent: 'none',
    daysAgo: 100,
    state: 'answered',
    agencies: ['BGDDT'],
    answeredAfter: 18,
    answer: 'Bộ Giáo dục và Đào tạo đang xây dựng đề án đào tạo nhân lực bán dẫn, trong đó có học bổng cho nghiên cứu sinh.',
  },
  {
    kind: 'feedback',
    topic: 'y-te-giao-thong-so',
    title: 'Sổ sức khỏe điện tử không hiển thị kết quả xét nghiệm',
    content: 'Kết quả xét nghiệm tại bệnh viện tuyến tỉnh không hiện trên sổ sức khỏe điện tử dù đã khám hơn một tuần.',
    name: '[DEMO] Hoàng Thu Trang',
    consent: 'anonymous',
    daysAgo: 75,
    state: 'answered',
    agencies: ['BYT'],
    answeredAfter: 11,
    answer: 'Bộ Y tế đã yêu cầu các bệnh viện hoàn thành kết nối liên thông kết quả cận lâm sàng trong tháng này.',
  },
  {
    kind: 'feedback',
    topic: 'thu-tuc-hanh-chinh',
    title: 'Cổng dịch vụ công yêu cầu nộp lại bản giấy đã có trong kho dữ liệu',
    content: 'Khi làm thủ tục đăng ký hộ kinh doanh, tôi vẫn bị yêu cầu nộp bản sao giấy tờ đã có trong kho dữ liệu điện tử của tổ chức, cá nhân.',
    name: '[DEMO] Trịnh Văn Khoa',
    consent: 'anonymous',
    daysAgo: 60,
    state: 'in_progress',
    agencies: ['48'],
  },
  {
    kind: 'recommendation',
    topic: 'tai-chinh-dau-tu',
    title: 'Đề nghị quỹ đầu tư mạo hiểm nhà nước đồng đầu tư với quỹ tư nhân',
    content: 'Đề nghị sớm hướng dẫn cơ chế để quỹ đầu tư mạo hiểm của địa phương đồng đầu tư vào khởi nghiệp sáng tạo cùng quỹ tư nhân.',
    name: '[DEMO] Quỹ Khởi nghiệp Phương Nam',
    type: 'organisation',
    organisation: 'Quỹ Khởi nghiệp Phương Nam',
    consent: 'named',
    daysAgo: 45,
    state: 'in_progress',
    agencies: ['BTC'],
  },
  {
    kind: 'feedback',
    topic: 'ha-tang-so',
    title: 'Điểm truy cập wifi công cộng ở bến xe không hoạt động',
    content: 'Điểm wifi miễn phí ở bến xe trung tâm đã hỏng hơn một tháng.',
    name: '[DEMO] Ngô Bảo Anh',
    consent: 'anonymous',
    daysAgo: 35,
    state: 'awaiting_info',
    agencies: ['48'],
  },
  {
    kind: 'feedback',
    topic: 'du-lieu',
    title: 'Không tải được dữ liệu mở về giá đất',
    content: 'Trang dữ liệu mở của tỉnh báo lỗi khi tải bảng giá đất định dạng CSV.',
    name: '[DEMO] Bùi Đức Long',
    consent: 'anonymous',
    daysAgo: 25,
    state: 'forwarded',
    agencies: ['01'],
  },
  {
    kind: 'recommendation',
    topic: 'nghien-cuu-so-huu-tri-tue',
    title: 'Kiến nghị giảm phí đăng ký sáng chế cho sinh viên',
    content: 'Đề nghị giảm hoặc miễn phí nộp đơn đăng ký sáng chế đối với sinh viên và nghiên cứu viên trẻ.',
    name: '[DEMO] Lý Thanh Hương',
    consent: 'named',
    daysAgo: 18,
    state: 'forwarded',
    agencies: ['BKHCN'],
  },
  {
    kind: 'feedback',
    topic: 'chuyen-doi-so-co-quan',
    title: 'Chữ ký số của cán bộ xã hết hạn chưa được cấp lại',
    content: 'Chứng thư chữ ký số của nhiều cán bộ xã đã hết hạn, hồ sơ trực tuyến bị chậm ký duyệt.',
    name: '[DEMO] Đinh Công Minh',
    consent: 'anonymous',
    daysAgo: 8,
    state: 'received',
  },
  {
    kind: 'feedback',
    topic: 'ngoai-pham-vi',
    title: 'Tranh chấp ranh giới đất với hộ liền kề',
    content: 'Gia đình tôi tranh chấp ranh giới đất với hộ bên cạnh, đề nghị giải quyết.',
    name: '[DEMO] Mai Văn Hùng',
    consent: 'none',
    daysAgo: 6,
    state: 'rejected',
  },
  {
    kind: 'feedback',
    topic: 'thu-tuc-hanh-chinh',
    title: 'Ứng dụng định danh điện tử không nhận thẻ căn cước khi quét NFC',
    content: 'Điện thoại của tôi không đọc được chip thẻ căn cước trong ứng dụng định danh điện tử.',
    name: '[DEMO] Kiều Thị Nga',
    consent: 'anonymous',
    daysAgo: 3,
    state: 'received',
  },
  {
    kind: 'solution',
    topic: 'cong-nghe-chien-luoc',
    title: 'Giải pháp nhận dạng tiếng nói các dân tộc thiểu số cho tổng đài 1022',
    content: 'Huấn luyện mô hình nhận dạng tiếng nói tiếng Mông, tiếng Thái để tổng đài tiếp nhận phản ánh của đồng bào.',
    name: '[DEMO] Nhóm nghiên cứu Tiếng nói Việt',
    type: 'expert',
    organisation: 'Viện Công nghệ thông tin',
    consent: 'named',
    daysAgo: 12,
    state: 'received',
    proposal: {
      problem: 'Đồng bào dân tộc thiểu số khó phản ánh qua tổng đài vì không thạo tiếng Việt.',
      proposal: 'Mô hình nhận dạng và dịch tiếng nói dân tộc thiểu số sang văn bản tiếng Việt, tích hợp tổng đài 1022.',
      expectedImpact: 'Tăng số phản ánh được tiếp nhận từ vùng dân tộc thiểu số.',
      estimatedCost: 'Khoảng 6 tỷ đồng trong 2 năm.',
      feasibility: 'Nhóm đã có dữ liệu 300 giờ ghi âm tiếng Mông.',
    },
  },
  {
    kind: 'initiative',
    topic: 'chuyen-doi-so-co-quan',
    title: 'Sáng kiến trợ lý ảo hướng dẫn thủ tục hành chính bằng tiếng Việt',
    content: 'Xây dựng trợ lý ảo trên Cổng dịch vụ công trả lời câu hỏi về thủ tục hành chính, dùng dữ liệu thủ tục đã chuẩn hóa.',
    name: '[DEMO] TS. Phan Gia Huy',
    type: 'expert',
    organisation: 'Hội Tin học Việt Nam',
    consent: 'named',
    daysAgo: 95,
    state: 'received',
    proposal: {
      problem: 'Người dân gọi tổng đài nhiều lần để hỏi hồ sơ, giấy tờ cần chuẩn bị.',
      proposal: 'Trợ lý ảo trả lời theo cơ sở dữ liệu quốc gia về thủ tục hành chính, chuyển cán bộ khi không chắc chắn.',
      expectedImpact: 'Giảm một nửa cuộc gọi hỏi thủ tục; hồ sơ nộp đúng ngay lần đầu tăng.',
      estimatedCost: 'Khoảng 3 tỷ đồng, dùng hạ tầng điện toán đám mây chính phủ.',
      feasibility: 'Dữ liệu thủ tục đã chuẩn hóa; có mô hình ngôn ngữ tiếng Việt mã nguồn mở.',
    },
  },
  {
    kind: 'initiative',
    topic: 'nhan-luc',
    title: 'Sáng kiến "Bình dân học vụ số" qua truyền hình cộng đồng',
    content: 'Phát các bài học kỹ năng số ngắn trên truyền hình cáp cộng đồng và loa phát thanh xã.',
    name: '[DEMO] Trương Mỹ Linh',
    consent: 'anonymous',
    daysAgo: 50,
    state: 'received',
    proposal: {
      problem: 'Người cao tuổi ở nông thôn ít dùng điện thoại thông minh để học trực tuyến.',
      proposal: 'Chuỗi 30 bài học 5 phút trên truyền hình cộng đồng, có bài tập thực hành tại nhà văn hóa thôn.',
      expectedImpact: 'Nâng tỷ lệ người cao tuổi biết dùng dịch vụ công trực tuyến.',
      estimatedCost: 'Khoảng 800 triệu đồng.',
      feasibility: 'Tận dụng hệ thống truyền thanh cơ sở sẵn có.',
    },
  },
];

/** Seeds the demo cases once (skips when any demo case exists). Returns how many were written. */
export async function seedDemoFeedback(db: Database, now = new Date()): Promise<number> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(feedbackSubmission).where(eq(feedbackSubmission.isDemo, true));
  if ((existing?.n ?? 0) > 0) return 0;
  const actor = { ...SYSTEM_ACTOR, label: 'seed-demo' };
  const unitCodes = [...new Set(DEMO_FEEDBACK.flatMap((c) => c.agencies ?? []))];
  const units = await db.select({ id: orgUnit.id, code: orgUnit.code }).from(orgUnit).where(inArray(orgUnit.code, unitCodes));
  const unitId = (code: string) => units.find((u) => u.code === code)?.id;
  const codes: string[] = [];

  for (const [i, c] of DEMO_FEEDBACK.entries()) {
    const created = new Date(now.getTime() - c.daysAgo * DAY);
    const r = await submitFeedback(
      db,
      {
        kind: c.kind,
        topicCode: c.topic,
        title: c.title,
        content: c.content,
        ...(c.proposal ?? {}),
        submitterType: c.type ?? 'individual',
        submitterName: c.name,
        organisationName: c.organisation,
        submitterEmail: `nguoigui${String(i + 1).padStart(2, '0')}@demo.nq57.vn`,
        publishConsent: c.consent,
      },
      { actor, isDemo: true, now: created },
    );
    codes.push(r.code);
    const at = (days: number) => new Date(created.getTime() + days * DAY);
    const due = hcmDate(at(ANSWER_DAYS));
    await db.transaction(async (tx) => {
      const events: { type: FeedbackEventType; at: Date; unitId?: string | null; data?: Record<string, unknown> }[] = [];
      await tx.update(feedbackEvent).set({ createdAt: created }).where(eq(feedbackEvent.submissionId, r.id));
      const agencies = (c.agencies ?? []).map(unitId).filter((x): x is string => !!x);
      const answered = c.state === 'answered' && c.answeredAfter != null;
      if (c.state !== 'received') events.push({ type: c.state === 'rejected' ? 'rejected' : 'accepted', at: at(1), data: c.state === 'rejected' ? { reason: 'out_of_scope' } : {} });
      for (const u of agencies) {
        const answeredAt = answered ? at(c.answeredAfter!) : null;
        const [a] = await tx
          .insert(feedbackAssignment)
          .values({
            submissionId: r.id,
            unitId: u,
            status: answered ? 'answered' : c.state === 'forwarded' ? 'forwarded' : 'accepted',
            forwardedAt: at(2),
            acceptedAt: c.state === 'forwarded' ? null : at(3),
            answerDueOn: due,
            answeredAt,
          })
          .returning();
        events.push({ type: 'forwarded', at: at(2), unitId: u });
        if (c.state !== 'forwarded') events.push({ type: 'agency_accepted', at: at(3), unitId: u });
        if (answered) await tx.insert(feedbackAnswer).values({ assignmentId: a!.id, body: c.answer!, status: 'approved', approvedAt: answeredAt });
      }
      if (c.state === 'awaiting_info') events.push({ type: 'info_requested', at: at(6) });
      if (answered) {
        events.push({ type: 'answered', at: at(c.answeredAfter!) });
        if (c.consent !== 'none') events.push({ type: 'published', at: at(c.answeredAfter!) });
      }
      const status: SubmissionStatus = c.state;
      await tx
        .update(feedbackSubmission)
        .set({
          status,
          rejectReason: c.state === 'rejected' ? 'out_of_scope' : null,
          forwardedAt: agencies.length ? at(2) : null,
          answerDueOn: c.state === 'received' || c.state === 'rejected' ? null : due,
          answeredAt: answered ? at(c.answeredAfter!) : null,
          publicAnswer: answered ? c.answer! : null,
          ...(answered ? { searchText: searchTextWithAnswer(c.answer!) } : {}),
          publishedAt: answered && c.consent !== 'none' ? at(c.answeredAfter!) : null,
          updatedAt: answered ? at(c.answeredAfter!) : created,
        })
        .where(eq(feedbackSubmission.id, r.id));
      for (const e of events) {
        await tx.insert(feedbackEvent).values({
          submissionId: r.id,
          type: e.type,
          isPublic: PUBLIC_EVENT_TYPES.includes(e.type),
          unitId: e.unitId ?? null,
          data: e.data ?? {},
          createdAt: e.at,
        });
      }
    });
  }

  // The demo expert reviews the two initiatives; the standing office adopts the first.
  const people = await db.select({ id: appUser.id, email: appUser.email }).from(appUser).where(inArray(appUser.email, ['chuyengia@demo.nq57.vn', 'thuongtruc@demo.nq57.vn']));
  const expertId = people.find((x) => x.email === 'chuyengia@demo.nq57.vn')?.id;
  const officeId = people.find((x) => x.email === 'thuongtruc@demo.nq57.vn')?.id;
  const expert = expertId ? await loadPrincipal(db, expertId, 'session') : null;
  const office = officeId ? await loadPrincipal(db, officeId, 'session') : null;
  const adoptCode = codes[DEMO_FEEDBACK.findIndex((c) => c.title.startsWith('Sáng kiến trợ lý ảo'))];
  const studyCode = codes[DEMO_FEEDBACK.findIndex((c) => c.title.startsWith('Sáng kiến "Bình dân'))];
  if (expert && adoptCode) {
    await reviewInitiative(db, adoptCode, { novelty: 4, feasibility: 4, impact: 5, cost: 3, comment: 'Tác động lớn, dữ liệu đã sẵn sàng; cần lộ trình thử nghiệm tại một số địa phương trước.' }, { principal: expert, actor });
  }
  if (expert && studyCode) {
    await reviewInitiative(db, studyCode, { novelty: 3, feasibility: 5, impact: 4, cost: 5, comment: 'Chi phí thấp, dễ nhân rộng; cần đánh giá hiệu quả so với lớp học trực tiếp.' }, { principal: expert, actor });
  }
  if (office && adoptCode) {
    await decideInitiative(
      db,
      adoptCode,
      { decision: 'adopt', note: 'Giao thí điểm trên Cổng dịch vụ công quốc gia, báo cáo kết quả sau 6 tháng.', leadUnitCode: 'VPCP', deadline: hcmDate(new Date(now.getTime() + 180 * DAY)) },
      { principal: office, actor, now },
    );
    await db.update(task).set({ isDemo: true }).where(eq(task.source, adoptCode));
  }
  return codes.length;
}
