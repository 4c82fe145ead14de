/** Messages for uploads and downloads. */
export const fileMessages = {
  vi: {
    'files.tooLarge': 'Tệp “{name}” quá lớn: tối đa {max} MB.',
    'files.typeRefused': 'Tệp “{name}” không đúng định dạng cho phép (PDF, PNG, JPEG, DOCX, XLSX hoặc văn bản thuần).',
    'files.uploadTooLarge': 'Tệp tải lên quá lớn: tối đa {max} MB mỗi tệp.',
    'files.totalTooLarge': 'Tổng dung lượng các tệp quá lớn: tối đa {max} MB mỗi lần gửi.',
    'files.tooMany': 'Gửi quá nhiều tệp hoặc trường trong một lần.',
    'files.notFound': 'Không tìm thấy tệp.',
    'files.badUpload': 'Không đọc được dữ liệu tải lên. Hãy thử lại.',
  },
  en: {
    'files.tooLarge': 'File “{name}” is too large: at most {max} MB.',
    'files.typeRefused': 'File “{name}” is not an accepted type (PDF, PNG, JPEG, DOCX, XLSX or plain text).',
    'files.uploadTooLarge': 'The upload is too large: at most {max} MB per file.',
    'files.totalTooLarge': 'The files together are too large: at most {max} MB per submission.',
    'files.tooMany': 'Too many files or fields in one request.',
    'files.notFound': 'File not found.',
    'files.badUpload': 'The upload could not be read. Please try again.',
  },
};
