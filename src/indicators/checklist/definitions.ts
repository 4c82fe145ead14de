/**
 * The checklist indicators the platform ships with. Kept in code (not in reference data) because
 * they are this platform's own yes/no criteria, written for the two-tier local government that
 * started on 1 July 2025; `indicator.manage` may later rename criteria or change thresholds.
 */
export interface ChecklistDefinition {
  code: string;
  name: string;
  definition: string;
  criteria: { code: string; name: string; description: string }[];
}

export const CL_CQDP2C = 'CL-CQDP2C';

export const CHECKLIST_DEFINITIONS: ChecklistDefinition[] = [
  {
    code: CL_CQDP2C,
    name: 'Điều kiện cơ bản để vận hành chính quyền địa phương hai cấp trên nền tảng số',
    definition:
      'Mỗi xã, phường, đặc khu tự đánh giá hằng quý từng điều kiện (đạt / chưa đạt) kèm minh chứng; tỉnh, thành phố xác nhận. Xanh khi đạt tất cả điều kiện, vàng khi đạt từ 70% số điều kiện, đỏ khi dưới 70%.',
    criteria: [
      { code: 'TC01', name: 'Đường truyền Internet và mạng nội bộ ổn định', description: 'Trụ sở có đường truyền Internet tốc độ cao, kết nối mạng truyền số liệu chuyên dùng và mạng nội bộ (có dây, không dây) hoạt động ổn định.' },
      { code: 'TC02', name: 'Đủ máy tính và thiết bị làm việc', description: 'Mỗi cán bộ, công chức có máy tính làm việc; Bộ phận Một cửa có máy quét, máy in và thiết bị phục vụ người dân.' },
      { code: 'TC03', name: 'Lãnh đạo có chữ ký số và ký số văn bản', description: 'Bí thư, Chủ tịch, các Phó Chủ tịch có chữ ký số và ký số văn bản đi trên hệ thống.' },
      { code: 'TC04', name: 'Quản lý văn bản và điều hành liên thông', description: 'Dùng hệ thống quản lý văn bản và điều hành của tỉnh, gửi nhận văn bản điện tử liên thông với các cơ quan.' },
      { code: 'TC05', name: 'Kết nối hệ thống giải quyết thủ tục hành chính của tỉnh', description: 'Tiếp nhận và trả kết quả thủ tục hành chính trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, kết nối Cổng Dịch vụ công quốc gia.' },
      { code: 'TC06', name: 'Bộ phận Một cửa số hóa hồ sơ, kết quả', description: 'Bộ phận Một cửa số hóa hồ sơ và kết quả giải quyết thủ tục hành chính theo quy định.' },
      { code: 'TC07', name: 'Cán bộ, công chức được tập huấn kỹ năng số', description: 'Cán bộ, công chức được tập huấn sử dụng các hệ thống dùng chung và kỹ năng số cơ bản.' },
      { code: 'TC08', name: 'Có phương án bảo đảm an toàn thông tin', description: 'Có phương án bảo đảm an toàn thông tin theo cấp độ được phê duyệt và người phụ trách.' },
    ],
  },
];
