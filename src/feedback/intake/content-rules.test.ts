/** Content rules: Vietnamese with or without diacritics, insults, state-secret markings, near-duplicates. */
import { describe, expect, it } from 'vitest';
import { checkContent, containsClassifiedMarking, containsInsult, isVietnamese, nearIdentity } from './content-rules';

describe('isVietnamese', () => {
  it('accepts Vietnamese typed with or without diacritics', () => {
    expect(isVietnamese('dich vu cong bi loi')).toBe(true);
    expect(isVietnamese('Dịch vụ công trực tuyến cấp phép xây dựng bị lỗi khi ký số')).toBe(true);
    expect(isVietnamese('Toi nop ho so tren cong dich vu cong nhung khong duoc tiep nhan')).toBe(true);
    expect(isVietnamese('Đề nghị bổ sung ứng dụng VNeID cho người cao tuổi')).toBe(true);
    expect(isVietnamese('Ứng dụng VNeID không login được trên iPhone, app báo error')).toBe(true);
    expect(isVietnamese('ung dung vneid khong login duoc tren iphone, app bao error')).toBe(true);
  });

  it('refuses English, gibberish and empty text', () => {
    expect(isVietnamese('The online public service portal is broken and nobody answers')).toBe(false);
    expect(isVietnamese('Please fix the website, it does not work')).toBe(false);
    expect(isVietnamese('asdf qwerty zxcvb hjkl')).toBe(false);
    expect(isVietnamese('xkcd wtf lol brb')).toBe(false);
    expect(isVietnamese('12345 !!!')).toBe(false);
    expect(isVietnamese('to be or not to be')).toBe(false);
  });
});

describe('containsInsult', () => {
  it('finds insults on folded whole words', () => {
    expect(containsInsult('Cán bộ này đúng là ÓC CHÓ')).toBe(true);
    expect(containsInsult('bon khon nan')).toBe(true);
    expect(containsInsult('vcl cái cổng')).toBe(true);
  });
  it('leaves innocent words alone', () => {
    expect(containsInsult('Tôi đề nghị cho chó đi tiêm phòng dại')).toBe(false);
    expect(containsInsult('Con đường lớn bị ngập, trẻ em ngủ không được')).toBe(false);
    expect(containsInsult('dcmx là tên sản phẩm')).toBe(false);
  });
});

describe('containsClassifiedMarking', () => {
  it('finds secret markings', () => {
    expect(containsClassifiedMarking('Gửi kèm văn bản TUYỆT MẬT số 12')).toBe(true);
    expect(containsClassifiedMarking('tài liệu tối mật của bộ')).toBe(true);
    expect(containsClassifiedMarking('tai lieu tuyet mat')).toBe(true);
    expect(containsClassifiedMarking('Công văn số 5\nMẬT\nKính gửi')).toBe(true);
    expect(containsClassifiedMarking('Văn bản (Mật) đính kèm')).toBe(true);
    expect(containsClassifiedMarking('Độ mật: A')).toBe(true);
  });
  it('does not flag ordinary words', () => {
    expect(containsClassifiedMarking('Tôi mất giấy tờ khi đi làm thủ tục')).toBe(false);
    expect(containsClassifiedMarking('toi mat giay to')).toBe(false);
    expect(containsClassifiedMarking('Mật khẩu tài khoản dịch vụ công bị khóa')).toBe(false);
    expect(containsClassifiedMarking('bảo mật dữ liệu cá nhân')).toBe(false);
  });
});

describe('checkContent and nearIdentity', () => {
  it('names the fields that break a rule, in Vietnamese', () => {
    const e = checkContent({ title: 'Hello world', content: 'This is an English text only' });
    expect(e.content).toMatch(/tiếng Việt/);
    const i = checkContent({ title: 'Phản ánh về cán bộ', content: 'Cán bộ phường khon nan, hẹn mãi không giải quyết hồ sơ', submitterName: 'An' });
    expect(i.content).toMatch(/xúc phạm/);
    expect(checkContent({ title: 'Dịch vụ công bị lỗi', content: 'Không nộp được hồ sơ trên cổng dịch vụ công' })).toEqual({});
  });
  it('scores near-identical texts close to 1 regardless of diacritics and punctuation', () => {
    expect(nearIdentity('Dịch vụ công bị lỗi khi nộp hồ sơ', 'dich vu cong bi loi, khi nop ho so!')).toBe(1);
    expect(nearIdentity('Dịch vụ công bị lỗi khi nộp hồ sơ', 'Đề nghị mở rộng mạng 5G ở nông thôn')).toBeLessThan(0.2);
  });
});
