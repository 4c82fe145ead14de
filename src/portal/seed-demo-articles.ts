/**
 * Demo articles, written for this project (original text, not copied from any newspaper) and
 * marked as demo (`is_demo`, "[DEMO]" in the title): eight published news items across the four
 * categories, six in the national section (the standing office) and two in Hà Nội's component
 * portal, one of them featured.
 */
import { eq, inArray } from 'drizzle-orm';
import { appUser, orgUnit } from '../org/schema';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Tx } from '../platform/db/client';
import { bumpContentVersion } from './content-version';
import { article, articleRevision, portalCategory } from './schema';
import { articleSearchColumns } from './search-text';
import { slugify } from './slug';

interface DemoArticle {
  section: string;
  author: string;
  category: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  daysAgo: number;
  featured?: boolean;
}

const NATIONAL = 'VPTW';
const EDITOR = 'bientap@demo.nq57.vn';
const HANOI_LEADER = 'lanhdao.hanoi@demo.nq57.vn';

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    section: NATIONAL,
    author: EDITOR,
    category: 'tin-hoat-dong',
    title: 'Ra mắt nền tảng theo dõi thực hiện Nghị quyết 57-NQ/TW',
    summary: 'Nền tảng số giúp các bộ, ngành, địa phương báo cáo tiến độ nhiệm vụ và để người dân theo dõi kết quả.',
    body: `Nền tảng được xây dựng để **theo dõi, đôn đốc** việc thực hiện các nhiệm vụ của Chương trình hành động.

Các đơn vị cập nhật tiến độ theo kỳ báo cáo; Văn phòng Thường trực tổng hợp và cảnh báo các nhiệm vụ chậm tiến độ.

- Báo cáo tiến độ trực tuyến, kèm minh chứng
- Bảng điều hành theo bộ, ngành, địa phương
- Cổng tiếp nhận phản ánh, kiến nghị, sáng kiến

Xem thêm [thư viện văn bản](/documents).`,
    tags: ['nền tảng số', 'Nghị quyết 57'],
    daysAgo: 1,
    featured: true,
  },
  {
    section: NATIONAL,
    author: EDITOR,
    category: 'chuyen-doi-so',
    title: 'Chuyển đổi số trong xử lý hồ sơ hành chính: bắt đầu từ dữ liệu',
    summary: 'Số hóa hồ sơ chỉ có ý nghĩa khi dữ liệu được dùng lại, không bắt người dân nộp lại giấy tờ đã có.',
    body: `Chuyển đổi số không dừng ở việc scan giấy tờ. Mục tiêu là **dữ liệu dùng chung**: một lần khai, nhiều lần dùng.

Các cơ quan được khuyến khích rà soát thủ tục, xác định dữ liệu nào đã có trong cơ sở dữ liệu quốc gia để không yêu cầu nộp lại.`,
    tags: ['chuyển đổi số', 'dữ liệu', 'thủ tục hành chính'],
    daysAgo: 3,
  },
  {
    section: NATIONAL,
    author: EDITOR,
    category: 'khoa-hoc-cong-nghe',
    title: 'Công nghệ chiến lược: danh mục và cách các bộ, ngành triển khai',
    summary: 'Danh mục công nghệ chiến lược định hướng nguồn lực nghiên cứu vào những lĩnh vực then chốt.',
    body: `Danh mục công nghệ chiến lược gồm các nhóm như trí tuệ nhân tạo, bán dẫn, chuỗi khối, an ninh mạng.

Mỗi nhóm có các sản phẩm cụ thể để các bộ, ngành lựa chọn đặt hàng nghiên cứu. Xem [văn bản liên quan](/documents).`,
    tags: ['công nghệ chiến lược', 'trí tuệ nhân tạo'],
    daysAgo: 5,
  },
  {
    section: NATIONAL,
    author: EDITOR,
    category: 'doi-moi-sang-tao',
    title: 'Cơ chế thử nghiệm có kiểm soát mở đường cho mô hình kinh doanh mới',
    summary: 'Sandbox cho phép doanh nghiệp thử nghiệm sản phẩm, dịch vụ công nghệ mới trong phạm vi giới hạn.',
    body: `Cơ chế **thử nghiệm có kiểm soát** (sandbox) giúp cơ quan quản lý và doanh nghiệp cùng học hỏi trước khi ban hành quy định chính thức.

Doanh nghiệp đăng ký phạm vi, thời gian và biện pháp bảo vệ người dùng; cơ quan quản lý giám sát và đánh giá kết quả.`,
    tags: ['sandbox', 'đổi mới sáng tạo', 'doanh nghiệp'],
    daysAgo: 7,
  },
  {
    section: NATIONAL,
    author: EDITOR,
    category: 'chuyen-doi-so',
    title: 'Bình dân học vụ số: kỹ năng số cho mọi người dân',
    summary: 'Phong trào học tập số hướng tới việc mọi người dân đều dùng được dịch vụ công trực tuyến.',
    body: `Phong trào “Bình dân học vụ số” tổ chức các lớp hướng dẫn kỹ năng số cơ bản tại phường, xã.

Nội dung gồm: cài đặt định danh điện tử, nộp hồ sơ trực tuyến, thanh toán không dùng tiền mặt và nhận biết lừa đảo trên mạng.`,
    tags: ['kỹ năng số', 'chuyển đổi số'],
    daysAgo: 9,
  },
  {
    section: NATIONAL,
    author: EDITOR,
    category: 'tin-hoat-dong',
    title: 'Hướng dẫn gửi phản ánh, kiến nghị và sáng kiến trên cổng thông tin',
    summary: 'Người dân, doanh nghiệp, nhà khoa học gửi ý kiến trực tuyến và tra cứu kết quả bằng mã hồ sơ.',
    body: `Mỗi phản ánh, kiến nghị được cấp **mã hồ sơ** để tra cứu. Văn phòng Thường trực phân loại và chuyển đến cơ quan có thẩm quyền.

Gửi ý kiến tại [trang phản ánh, kiến nghị](/feedback).`,
    tags: ['PAKN', 'sáng kiến'],
    daysAgo: 11,
  },
  {
    section: '01',
    author: HANOI_LEADER,
    category: 'doi-moi-sang-tao',
    title: 'Hà Nội kết nối doanh nghiệp khởi nghiệp với các trường đại học',
    summary: 'Chuỗi gặp gỡ giúp nhóm nghiên cứu tìm doanh nghiệp đặt hàng và thương mại hóa kết quả.',
    body: `Thành phố tổ chức các buổi gặp gỡ định kỳ giữa doanh nghiệp khởi nghiệp và nhóm nghiên cứu của các trường đại học.

Mục tiêu là rút ngắn thời gian từ **kết quả nghiên cứu** đến **sản phẩm trên thị trường**.`,
    tags: ['khởi nghiệp', 'Hà Nội', 'đổi mới sáng tạo'],
    daysAgo: 2,
  },
  {
    section: '01',
    author: HANOI_LEADER,
    category: 'khoa-hoc-cong-nghe',
    title: 'Hà Nội xây dựng kho dữ liệu mở về khoa học, công nghệ',
    summary: 'Kho dữ liệu mở công bố danh mục đề tài, kết quả nghiên cứu và hạ tầng thử nghiệm dùng chung.',
    body: `Kho dữ liệu mở giúp nhà khoa học và doanh nghiệp tra cứu đề tài đã thực hiện, tránh trùng lặp và tìm đối tác.

Dữ liệu được công bố theo định dạng mở, có giấy phép sử dụng rõ ràng.`,
    tags: ['dữ liệu mở', 'Hà Nội'],
    daysAgo: 4,
  },
];

export async function seedDemoArticles(tx: Tx, actor: Actor) {
  const units = await tx.select().from(orgUnit).where(inArray(orgUnit.code, [...new Set(DEMO_ARTICLES.map((a) => a.section))]));
  const users = await tx.select().from(appUser).where(inArray(appUser.email, [EDITOR, HANOI_LEADER]));
  const categories = await tx.select().from(portalCategory);
  const [publisher] = await tx.select().from(appUser).where(eq(appUser.email, 'thuongtruc@demo.nq57.vn'));
  const now = Date.now();
  for (const d of DEMO_ARTICLES) {
    const unit = units.find((u) => u.code === d.section);
    if (!unit) continue;
    const author = users.find((u) => u.email === d.author) ?? null;
    const title = `[DEMO] ${d.title}`;
    const publishedAt = new Date(now - d.daysAgo * 86_400_000);
    const [created] = await tx
      .insert(article)
      .values({
        sectionUnitId: unit.id,
        categoryId: categories.find((c) => c.slug === d.category)?.id ?? null,
        slug: slugify(d.title),
        title,
        summary: d.summary,
        body: d.body,
        tags: d.tags,
        status: 'published',
        publishedAt,
        featured: !!d.featured,
        authorId: author?.id ?? null,
        publishedBy: publisher?.id ?? null,
        isDemo: true,
        createdAt: publishedAt,
        updatedAt: publishedAt,
        ...articleSearchColumns({ title, summary: d.summary, body: d.body, tags: d.tags }),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) continue;
    await tx.insert(articleRevision).values({ articleId: created.id, version: 1, title, summary: d.summary, body: d.body, tags: d.tags, authorId: author?.id ?? null });
    await recordAudit(tx, actor, { action: 'article.create', entityType: 'article', entityId: created.id, after: created });
  }
  await bumpContentVersion(tx);
}
