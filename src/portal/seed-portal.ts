/**
 * Portal reference data: the news categories and the legal documents named in the project's
 * sources (reference-data/SOURCES.md): number, type, issuer, dates and what is unverified. Dates
 * the sources do not give are left empty rather than guessed. Idempotent (slug conflicts skip).
 */
import { eq } from 'drizzle-orm';
import { orgUnit } from '../org/schema';
import type { Tx } from '../platform/db/client';
import { bumpContentVersion } from './content-version';
import { type DocumentStatus, type DocumentType, legalDocument, portalCategory } from './schema';
import { documentSearchColumns } from './search-text';
import { slugify } from './slug';

export const PORTAL_CATEGORIES = [
  { slug: 'tin-hoat-dong', name: 'Tin hoạt động', description: 'Hoạt động chỉ đạo, điều hành triển khai Nghị quyết 57-NQ/TW.' },
  { slug: 'chuyen-doi-so', name: 'Chuyển đổi số', description: 'Chuyển đổi số trong cơ quan nhà nước, doanh nghiệp và xã hội.' },
  { slug: 'khoa-hoc-cong-nghe', name: 'Khoa học công nghệ', description: 'Nghiên cứu, ứng dụng và phát triển khoa học, công nghệ.' },
  { slug: 'doi-moi-sang-tao', name: 'Đổi mới sáng tạo', description: 'Khởi nghiệp, đổi mới sáng tạo và các mô hình mới.' },
];

interface SeedDocument {
  number: string;
  docType: DocumentType;
  title: string;
  issuer: string;
  issuedOn: string | null;
  effectiveOn: string | null;
  status: DocumentStatus;
  summary: string;
  note: string;
}

export const LEGAL_DOCUMENTS: SeedDocument[] = [
  {
    number: '57-NQ/TW',
    docType: 'nghi_quyet',
    title: 'Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
    issuer: 'Bộ Chính trị',
    issuedOn: '2024-12-22',
    effectiveOn: '2024-12-22',
    status: 'in_force',
    summary: 'Nghị quyết của Bộ Chính trị xác định mục tiêu đến năm 2030, tầm nhìn đến năm 2045 và 7 nhóm nhiệm vụ, giải pháp về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.',
    note: 'Ngày ban hành theo nguồn dữ liệu của dự án (mục 1, SOURCES.md). Văn bản của Đảng có hiệu lực từ ngày ký.',
  },
  {
    number: '03/NQ-CP',
    docType: 'nghi_quyet',
    title: 'Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW',
    issuer: 'Chính phủ',
    issuedOn: '2025-01-09',
    effectiveOn: '2025-01-09',
    status: 'amended',
    summary: 'Chương trình hành động gồm các chỉ tiêu cụ thể (Phụ lục I) và 140 nhiệm vụ giao các bộ, ngành, địa phương (Phụ lục II).',
    note: 'Được sửa đổi, bổ sung bởi Nghị quyết số 71/NQ-CP ngày 01/04/2025 (mục 4, SOURCES.md).',
  },
  {
    number: '71/NQ-CP',
    docType: 'nghi_quyet',
    title: 'Sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW',
    issuer: 'Chính phủ',
    issuedOn: '2025-04-01',
    effectiveOn: null,
    status: 'in_force',
    summary: 'Cập nhật Chương trình hành động ban hành kèm Nghị quyết số 03/NQ-CP: bổ sung, tách nhiệm vụ và điều chỉnh thời hạn.',
    note: 'Toàn văn phụ lục chưa tìm thấy ở nguồn công khai (mục 4 và “Not found”, SOURCES.md); ngày hiệu lực chưa đối chiếu.',
  },
  {
    number: '1131/QĐ-TTg',
    docType: 'quyet_dinh',
    title: 'Ban hành Danh mục công nghệ chiến lược và sản phẩm công nghệ chiến lược',
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2025-06-12',
    effectiveOn: null,
    status: 'replaced',
    summary: 'Danh mục 11 nhóm công nghệ chiến lược và các nhóm sản phẩm công nghệ chiến lược.',
    note: 'Chưa tìm thấy văn bản chính thức; nội dung tổng hợp từ báo chí. Theo một số nguồn (chưa xác minh), được thay thế bởi Quyết định số 21/2026/QĐ-TTg (mục 9, SOURCES.md).',
  },
  {
    number: '21/2026/QĐ-TTg',
    docType: 'quyet_dinh',
    title: 'Danh mục công nghệ chiến lược (thay thế Quyết định số 1131/QĐ-TTg)',
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2026-04-30',
    effectiveOn: '2026-07-01',
    status: 'in_force',
    summary: 'Danh mục công nghệ chiến lược gồm 10 nhóm công nghệ, theo các nguồn báo chí năm 2026.',
    note: 'Chưa xác minh với văn bản chính thức (mục 9, SOURCES.md).',
  },
  {
    number: '60-NQ/TW',
    docType: 'nghi_quyet',
    title: 'Nghị quyết Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII',
    issuer: 'Ban Chấp hành Trung ương',
    issuedOn: '2025-04-12',
    effectiveOn: '2025-04-12',
    status: 'in_force',
    summary: 'Kèm phụ lục danh sách dự kiến tên gọi và trung tâm chính trị - hành chính của các tỉnh, thành phố sau sắp xếp.',
    note: 'Dùng để đối chiếu danh sách 34 tỉnh, thành phố (mục 6, SOURCES.md).',
  },
  {
    number: '202/2025/QH15',
    docType: 'nghi_quyet',
    title: 'Về việc sắp xếp đơn vị hành chính cấp tỉnh',
    issuer: 'Quốc hội',
    issuedOn: '2025-06-12',
    effectiveOn: '2025-07-01',
    status: 'in_force',
    summary: 'Sắp xếp các đơn vị hành chính cấp tỉnh, hình thành 34 tỉnh, thành phố từ ngày 01/7/2025.',
    note: 'Mục 6, SOURCES.md.',
  },
  {
    number: '176/2025/QH15',
    docType: 'nghi_quyet',
    title: 'Về cơ cấu tổ chức của Chính phủ',
    issuer: 'Quốc hội',
    issuedOn: null,
    effectiveOn: '2025-03-01',
    status: 'in_force',
    summary: 'Cơ cấu tổ chức của Chính phủ gồm 14 bộ và 3 cơ quan ngang bộ từ ngày 01/3/2025.',
    note: 'Ngày ban hành chưa đối chiếu; cơ cấu áp dụng từ 01/03/2025 (mục 5, SOURCES.md).',
  },
  {
    number: '193/2025/QH15',
    docType: 'nghi_quyet',
    title: 'Thí điểm một số cơ chế, chính sách đặc biệt tạo đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
    issuer: 'Quốc hội',
    issuedOn: null,
    effectiveOn: null,
    status: 'in_force',
    summary: 'Các cơ chế thí điểm mà Nghị quyết số 71/NQ-CP dựa vào khi cập nhật Chương trình hành động.',
    note: 'Ngày ban hành và hiệu lực chưa đối chiếu (mục 4, SOURCES.md).',
  },
  {
    number: '81/2023/QH15',
    docType: 'nghi_quyet',
    title: 'Về Quy hoạch tổng thể quốc gia thời kỳ 2021 - 2030, tầm nhìn đến năm 2050',
    issuer: 'Quốc hội',
    issuedOn: null,
    effectiveOn: null,
    status: 'in_force',
    summary: 'Xác định 6 vùng kinh tế - xã hội dùng để phân vùng các tỉnh, thành phố.',
    note: 'Ngày ban hành chưa đối chiếu (mục 6, SOURCES.md).',
  },
  {
    number: '1027/CTK-CSCL',
    docType: 'cong_van',
    title: 'Danh mục và mã số các đơn vị hành chính cấp xã',
    issuer: 'Cục Thống kê',
    issuedOn: '2025-06-25',
    effectiveOn: null,
    status: 'in_force',
    summary: 'Danh mục 3.321 đơn vị hành chính cấp xã (2.621 xã, 687 phường, 13 đặc khu) từ ngày 01/7/2025.',
    note: 'Mục 7, SOURCES.md.',
  },
  {
    number: '915/CTK-CSCL',
    docType: 'cong_van',
    title: 'Mã số các tỉnh, thành phố trực thuộc Trung ương sau sắp xếp',
    issuer: 'Cục Thống kê',
    issuedOn: null,
    effectiveOn: null,
    status: 'in_force',
    summary: 'Mã số 2 chữ số của 34 tỉnh, thành phố.',
    note: 'Ngày ban hành chưa đối chiếu (mục 6, SOURCES.md).',
  },
];

/** Categories and documents, in the caller's transaction; the section is the tree's root. */
export async function seedPortalReference(tx: Tx, rootCode: string) {
  await tx.insert(portalCategory).values(PORTAL_CATEGORIES.map((c, i) => ({ ...c, sortOrder: i }))).onConflictDoNothing();
  const [root] = await tx.select().from(orgUnit).where(eq(orgUnit.code, rootCode));
  if (!root) return;
  await tx
    .insert(legalDocument)
    .values(
      LEGAL_DOCUMENTS.map((d) => ({
        ...d,
        sectionUnitId: root.id,
        slug: slugify(d.number),
        ...documentSearchColumns(d),
      })),
    )
    .onConflictDoNothing();
  // a new public version, so cached pages pick the library up
  await bumpContentVersion(tx);
}
