/** Hostile Markdown and HTML must come out inert: no script, no handler, no dangerous URL. */
import { describe, expect, it } from 'vitest';
import { isSafeUrl, markdownToText, renderMarkdown } from './markdown';

/** Fails when the HTML could run anything in a browser. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(iframe|object|embed|svg|math|style|form|input|base|meta|link)\b/i);
  // attribute values are quoted and escaped: blank them, then look for a handler attribute
  const tags = html.replace(/"[^"]*"/g, '""');
  expect(tags).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|data|vbscript|file):/i);
}

describe('renderMarkdown', () => {
  it('renders ordinary Markdown with Vietnamese text', () => {
    const html = renderMarkdown('# Chuyển đổi số\n\n**Đà Nẵng** đi đầu. [Nghị quyết](/documents/57-nq-tw)');
    expect(html).toContain('<h1>Chuyển đổi số</h1>');
    expect(html).toContain('<strong>Đà Nẵng</strong>');
    expect(html).toContain('<a href="/documents/57-nq-tw">Nghị quyết</a>');
  });

  it('escapes raw HTML: script tags, event attributes, SVG and iframes', () => {
    const inputs = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg><script>alert(1)</script></svg>',
      '<svg onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '<a href="javascript:alert(1)">x</a>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<<script>script>alert(1)<</script>/script>',
    ];
    for (const input of inputs) {
      const html = renderMarkdown(input);
      expectInert(html);
      expect(html).toContain('&lt;');
    }
  });

  it('refuses javascript:, data:, vbscript: and disguised schemes in links and images', () => {
    const inputs = [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](java\tscript:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](&#x6A;avascript&#x3A;alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x](vbscript:msgbox(1))',
      '![x](javascript:alert(1))',
      '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
      '<javascript:alert(1)>',
      '[x](file:///etc/passwd)',
    ];
    for (const input of inputs) {
      const html = renderMarkdown(input);
      expectInert(html);
      expect(html).not.toMatch(/<a [^>]*href="(?!https?:|mailto:|\/)/i);
    }
  });

  it('keeps safe links and marks external ones nofollow noopener', () => {
    const html = renderMarkdown('[Bộ KH&CN](https://most.gov.vn) [thư](mailto:a@b.vn) https://chinhphu.vn');
    expect(html).toContain('<a href="https://most.gov.vn" rel="nofollow noopener noreferrer">');
    expect(html).toContain('<a href="mailto:a@b.vn">');
    expect(html).toContain('href="https://chinhphu.vn" rel="nofollow noopener noreferrer"');
  });

  it('does not let quotes or entities break out of attributes', () => {
    const html = renderMarkdown('[x](https://a.vn/"onmouseover="alert(1)) ![a" onerror="alert(1)](https://a.vn/i.png)');
    expectInert(html);
    expect(html).not.toMatch(/"\s*onmouseover=/i);
  });
});

describe('isSafeUrl and markdownToText', () => {
  it('accepts only http(s), mailto and relative URLs', () => {
    expect(isSafeUrl('https://a.vn')).toBe(true);
    expect(isSafeUrl('/news/abc')).toBe(true);
    expect(isSafeUrl('mailto:x@y.vn')).toBe(true);
    expect(isSafeUrl(' javascript:alert(1)')).toBe(false);
    expect(isSafeUrl('data:text/html,x')).toBe(false);
    expect(isSafeUrl('//evil.example/x')).toBe(false);
  });

  it('strips markup to plain text', () => {
    expect(markdownToText('# Tiêu đề\n\n*Nội dung* <b>đậm</b>')).toBe('Tiêu đề Nội dung <b>đậm</b>');
  });
});
