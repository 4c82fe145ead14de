/**
 * Vietnamese word lists for synthetic benchmark data: phrases are combined by index so that
 * titles, report texts and submissions read like the real thing, and search and triage meet
 * realistic vocabulary (diacritics, shared syllables, near-duplicates).
 */

export const TASK_VERBS = [
  'Xây dựng',
  'Hoàn thiện',
  'Triển khai',
  'Sửa đổi, bổ sung',
  'Ban hành',
  'Nghiên cứu, đề xuất',
  'Tổ chức thực hiện',
  'Rà soát, đánh giá',
  'Nâng cấp',
  'Kết nối, chia sẻ',
  'Đẩy mạnh',
  'Thí điểm',
  'Số hóa',
  'Đào tạo, bồi dưỡng',
  'Hướng dẫn',
  'Tổng kết',
];

export const TASK_OBJECTS = [
  'cơ sở dữ liệu',
  'nền tảng số',
  'dịch vụ công trực tuyến toàn trình',
  'hạ tầng trung tâm dữ liệu',
  'chính sách thu hút nhân lực chất lượng cao',
  'quy chế quản lý nhiệm vụ khoa học',
  'hệ thống thông tin báo cáo',
  'cơ chế thử nghiệm có kiểm soát',
  'quỹ đổi mới sáng tạo',
  'chương trình chuyển đổi số',
  'mạng di động 5G',
  'hệ sinh thái khởi nghiệp',
  'phòng thí nghiệm trọng điểm',
  'khung kiến trúc chính quyền số',
  'chữ ký số và định danh điện tử',
  'kho dữ liệu dùng chung',
  'trung tâm giám sát an toàn thông tin',
  'quy định về tài sản trí tuệ',
  'chỉ số đổi mới sáng tạo cấp tỉnh',
  'bộ tiêu chí xã chuyển đổi số',
];

export const TASK_DOMAINS = [
  'ngành y tế',
  'ngành giáo dục',
  'lĩnh vực đất đai',
  'lĩnh vực tư pháp',
  'ngành tài chính',
  'lĩnh vực nông nghiệp',
  'ngành công thương',
  'lĩnh vực giao thông',
  'cấp xã',
  'cấp tỉnh',
  'doanh nghiệp nhỏ và vừa',
  'viện nghiên cứu và trường đại học',
  'khu công nghệ cao',
  'vùng đồng bằng sông Cửu Long',
  'vùng trung du và miền núi phía Bắc',
  'toàn quốc',
];

export const REPORT_DONE = [
  'Đã hoàn thành dự thảo và gửi lấy ý kiến các đơn vị liên quan.',
  'Đã tổ chức hội thảo chuyên gia, tiếp thu và chỉnh lý hồ sơ.',
  'Đã ký hợp đồng triển khai, đang cài đặt và kiểm thử hệ thống.',
  'Đã đưa vào vận hành thử nghiệm tại một số đơn vị.',
  'Đã số hóa phần lớn hồ sơ, đang làm sạch dữ liệu.',
  'Đã trình cấp có thẩm quyền xem xét, phê duyệt.',
  'Đã ban hành văn bản hướng dẫn và tập huấn cho cán bộ.',
  'Đang rà soát quy trình nghiệp vụ và chuẩn hóa biểu mẫu.',
  'Đã kết nối thành công với nền tảng tích hợp, chia sẻ dữ liệu.',
  'Đang hoàn thiện báo cáo đánh giá kết quả thực hiện.',
];

export const REPORT_OBSTACLES = [
  'Kinh phí được giao chậm so với kế hoạch.',
  'Thiếu nhân lực công nghệ thông tin có kinh nghiệm.',
  'Dữ liệu giữa các đơn vị chưa thống nhất, phải đối soát thủ công.',
  'Quy định về đấu thầu thuê dịch vụ công nghệ còn vướng mắc.',
  'Hạ tầng mạng tại một số xã chưa ổn định.',
  'Chờ ý kiến thẩm định của cơ quan chuyên môn.',
];

export const FEEDBACK_TOPICS_WORDS = [
  'dịch vụ công trực tuyến',
  'cổng dịch vụ công',
  'định danh điện tử VNeID',
  'chữ ký số',
  'sóng điện thoại di động',
  'internet cáp quang',
  'hồ sơ đất đai',
  'khám chữa bệnh từ xa',
  'học bạ số',
  'thanh toán không dùng tiền mặt',
  'đề tài khoa học',
  'quỹ phát triển khoa học công nghệ',
  'thủ tục đăng ký doanh nghiệp',
  'dữ liệu dân cư',
  'hóa đơn điện tử',
  'phần mềm một cửa',
];

export const FEEDBACK_PROBLEMS = [
  'thường xuyên bị lỗi khi nộp hồ sơ',
  'phải nộp lại giấy tờ đã có trong cơ sở dữ liệu',
  'xử lý chậm so với thời hạn quy định',
  'không có hướng dẫn rõ ràng cho người dân',
  'chưa kết nối được với hệ thống của ngân hàng',
  'mất kết nối vào giờ cao điểm',
  'yêu cầu nhiều bước xác thực trùng lặp',
  'chưa hỗ trợ người cao tuổi và người khuyết tật',
  'thủ tục thanh quyết toán còn phức tạp',
  'không nhận được thông báo kết quả',
];

export const FEEDBACK_PLACES = [
  'tại phường Hoàn Kiếm',
  'ở xã vùng cao',
  'tại bộ phận một cửa cấp xã',
  'trên ứng dụng di động',
  'tại bệnh viện tuyến tỉnh',
  'ở khu công nghiệp',
  'tại trường trung học phổ thông',
  'trên cổng thông tin của tỉnh',
];

export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
export const MIDDLE_NAMES = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Đức', 'Thu', 'Quốc', 'Hoài'];
export const GIVEN_NAMES = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Yến'];

export const ANSWER_TEXTS = [
  'Cơ quan đã tiếp thu ý kiến, chỉ đạo đơn vị vận hành khắc phục lỗi và thông báo kết quả trên cổng thông tin.',
  'Nội dung kiến nghị đã được tổng hợp vào dự thảo sửa đổi quy định, dự kiến trình trong quý tới.',
  'Qua kiểm tra, hệ thống đã được nâng cấp; đề nghị ông/bà thực hiện lại và liên hệ tổng đài nếu còn vướng mắc.',
  'Cơ quan ghi nhận sáng kiến và giao đơn vị chuyên môn nghiên cứu, đánh giá khả năng áp dụng.',
  'Vấn đề đã được chuyển đến địa phương để rà soát, xử lý dứt điểm trong tháng.',
];
