/** Messages of the indicator catalogue, values, approval and confidence ratings. */
export const indicatorMessages = {
  vi: {
    'nav.indicators': 'Chỉ tiêu',
    'indicator.error.periodLocked': 'Số liệu kỳ {period} của {unit} đã gửi hoặc đã được phê duyệt nên không sửa được. Đề nghị cấp trên trả lại nếu cần điều chỉnh.',
  },
  en: {
    'nav.indicators': 'Indicators',
  },
} as const;
