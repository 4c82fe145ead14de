/** Messages for saved filters of the task list. */
export const savedFilterMessages = {
  vi: {
    'savedFilter.title': 'Bộ lọc đã lưu',
    'savedFilter.none': 'Bạn chưa lưu bộ lọc nào.',
    'savedFilter.save': 'Lưu bộ lọc hiện tại',
    'savedFilter.saveTitle': 'Lưu bộ lọc danh sách nhiệm vụ',
    'savedFilter.name': 'Tên bộ lọc',
    'savedFilter.nameHint': 'Ví dụ: Nhiệm vụ quá hạn của Hà Nội.',
    'savedFilter.delete': 'Xóa',
    'savedFilter.deleteLabel': 'Xóa bộ lọc {name}',
    'savedFilter.saved': 'Đã lưu bộ lọc.',
    'savedFilter.deleted': 'Đã xóa bộ lọc.',
    'savedFilter.duplicate': 'Bạn đã có bộ lọc cùng tên.',
    'savedFilter.tooMany': 'Mỗi người dùng lưu được tối đa {max} bộ lọc; hãy xóa bớt.',
    'savedFilter.notFound': 'Không tìm thấy bộ lọc.',
    'savedFilter.back': 'Quay lại danh sách nhiệm vụ',
  },
  en: {
    'savedFilter.title': 'Saved filters',
  },
};
