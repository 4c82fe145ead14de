/** The triage classifier on toy data: it learns, folds diacritics, and stays calm on garbage. */
import { describe, expect, it } from 'vitest';
import { type LabelledExample, cosine, evaluateTriageModel, featuresOf, predictTriage, syllables, trainTriageModel } from './classifier';

const ex = (title: string, content: string, kind: string, topicCode: string, agencyCode: string): LabelledExample => ({ title, content, kind, topicCode, agencyCode });

const toy: LabelledExample[] = [
  ex('Mất sóng điện thoại ở bản', 'Thôn không có sóng di động, không gọi được.', 'feedback', 'ha-tang-so', 'BKHCN'),
  ex('Sóng 4G yếu', 'Vùng lõm sóng di động, mạng chập chờn cả ngày.', 'feedback', 'ha-tang-so', 'BKHCN'),
  ex('Internet cáp quang chậm', 'Tốc độ mạng cáp quang quá chậm so với cam kết.', 'feedback', 'ha-tang-so', 'BKHCN'),
  ex('Bị lừa đảo qua mạng', 'Kẻ gian gọi điện giả danh công an, lừa chuyển tiền.', 'feedback', 'an-ninh-mang', 'BCA'),
  ex('Lộ thông tin cá nhân', 'Dữ liệu cá nhân bị mua bán, nhận cuộc gọi lừa đảo liên tục.', 'feedback', 'an-ninh-mang', 'BCA'),
  ex('Tài khoản bị chiếm đoạt', 'Tin tặc chiếm tài khoản để lừa đảo người thân.', 'feedback', 'an-ninh-mang', 'BCA'),
  ex('Đề nghị phủ sóng di động cho thôn bản', 'Kiến nghị hỗ trợ xây trạm phát sóng vùng lõm.', 'recommendation', 'ha-tang-so', 'BKHCN'),
  ex('Kiến nghị xử lý nghiêm lừa đảo trực tuyến', 'Đề nghị tăng mức phạt hành vi lừa đảo qua mạng.', 'recommendation', 'an-ninh-mang', 'BCA'),
  ex('Đề nghị chặn sim rác', 'Kiến nghị thu hồi sim rác dùng để lừa đảo.', 'recommendation', 'an-ninh-mang', 'BCA'),
  ex('Kiến nghị giảm cước internet', 'Đề nghị hỗ trợ cước mạng cho hộ nghèo.', 'recommendation', 'ha-tang-so', 'BKHCN'),
];

describe('syllables and features', () => {
  it('folds case and diacritics into syllables', () => {
    expect(syllables('Vùng LÕM sóng, Đắk Lắk!')).toEqual(['vung', 'lom', 'song', 'dak', 'lak']);
    expect(syllables('  ')).toEqual([]);
  });

  it('counts unigrams and bigrams, the title twice', () => {
    const f = featuresOf({ title: 'sóng yếu', content: 'sóng' });
    expect(f.get('song')).toBe(3);
    expect(f.get('yeu')).toBe(2);
    expect(f.get('song yeu')).toBe(2);
    expect(f.has('yeu song')).toBe(false);
  });

  it('cosine is 1 for the same text, 0 for disjoint text', () => {
    const a = featuresOf({ title: 'mất sóng', content: 'vùng lõm' });
    expect(cosine(a, a)).toBeCloseTo(1, 10);
    expect(cosine(a, featuresOf({ title: 'lừa đảo', content: 'chiếm đoạt' }))).toBe(0);
    expect(cosine(a, new Map())).toBe(0);
  });
});

describe('trainTriageModel / predictTriage', () => {
  const model = trainTriageModel(toy);

  it('learns separable classes on every head', () => {
    const network = predictTriage(model, { title: 'Xã tôi mất sóng di động', content: 'Vùng lõm sóng, mạng chập chờn.' });
    expect(network.topic?.label).toBe('ha-tang-so');
    expect(network.agency?.label).toBe('BKHCN');
    expect(network.kind?.label).toBe('feedback');
    const fraud = predictTriage(model, { title: 'Kiến nghị chống lừa đảo', content: 'Đề nghị xử lý kẻ gian lừa đảo qua mạng.' });
    expect(fraud.topic?.label).toBe('an-ninh-mang');
    expect(fraud.agency?.label).toBe('BCA');
    expect(fraud.kind?.label).toBe('recommendation');
    expect(evaluateTriageModel(model, toy).topic.accuracy).toBe(1);
  });

  it('gives the same answer with and without diacritics', () => {
    const withMarks = predictTriage(model, { title: 'Bị lừa đảo chuyển tiền', content: 'Kẻ gian giả danh công an gọi điện.' });
    const without = predictTriage(model, { title: 'Bi lua dao chuyen tien', content: 'Ke gian gia danh cong an goi dien.' });
    expect(without).toEqual(withMarks);
  });

  it('keeps confidence in [0, 1] and is surer of clearer text', () => {
    const clear = predictTriage(model, { title: 'Lừa đảo qua mạng, lộ dữ liệu cá nhân', content: 'Tin tặc chiếm tài khoản, giả danh công an lừa chuyển tiền.' });
    const vague = predictTriage(model, { title: 'Mạng', content: 'Về mạng ở địa phương.' });
    for (const p of [clear, vague]) {
      for (const head of [p.kind, p.topic, p.agency]) {
        expect(head!.confidence).toBeGreaterThanOrEqual(0);
        expect(head!.confidence).toBeLessThanOrEqual(1);
      }
    }
    expect(clear.topic!.confidence).toBeGreaterThan(vague.topic!.confidence);
    expect(clear.topic!.confidence).toBeGreaterThan(0.8);
  });

  it('does not crash on empty or garbage input and then has low confidence', () => {
    for (const input of [
      { title: '', content: '' },
      { title: 'qzxv wkkp', content: '@@@ ### 💥💥' },
      { title: 'x'.repeat(50_000), content: '\u0000\u0001' },
    ]) {
      const p = predictTriage(model, input);
      expect(p.knownFeatures).toBe(0);
      // with nothing known the answer is the prior: two topics of 5 examples each, 6 of 10 feedback
      expect(p.topic!.confidence).toBeCloseTo(0.5, 5);
      expect(p.kind!.confidence).toBeCloseTo(0.6, 5);
    }
  });

  it('is deterministic: the same examples in another order give the same predictions', () => {
    const shuffled = trainTriageModel([...toy].reverse());
    const input = { title: 'Sóng yếu và lừa đảo', content: 'Mạng chập chờn, kẻ gian gọi điện.' };
    expect(predictTriage(shuffled, input)).toEqual(predictTriage(model, input));
  });

  it('weights examples: heavier examples pull the decision their way', () => {
    const ambiguous = { title: 'Mạng internet', content: 'Mạng internet.' };
    const slow = ex('Mạng internet chậm', 'x', 'feedback', 'ha-tang-so', 'BKHCN');
    const fraud = ex('Mạng internet gian', 'y', 'feedback', 'an-ninh-mang', 'BCA');
    const light = trainTriageModel([slow, fraud]);
    const heavy = trainTriageModel([slow, { ...fraud, weight: 3 }]);
    expect(predictTriage(heavy, ambiguous).topic!.label).toBe('an-ninh-mang');
    expect(predictTriage(light, ambiguous).topic!.confidence).toBeLessThan(predictTriage(heavy, ambiguous).topic!.confidence);
  });

  it('an empty model predicts nothing', () => {
    const p = predictTriage(trainTriageModel([]), { title: 'a', content: 'b' });
    expect(p.topic).toBeNull();
    expect(p.kind).toBeNull();
  });
});
