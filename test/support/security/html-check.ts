/**
 * Finds live script in an HTML page the way a browser would see it: a tokenizer over tags that
 * respects quoted attribute values, so an escaped payload (`&lt;script&gt;`, or `" onload=` inside
 * a quoted value) is text, while a payload that broke out of its context becomes a tag and is
 * reported. Used by the stored-XSS sweep; deliberately stricter than the CSP.
 */

export interface LiveScript {
  what: string;
  snippet: string;
}

const TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcset', 'background']);
const FORBIDDEN_TAGS = new Set(['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet', 'meta-refresh']);

/** Undoes the character references a browser decodes in an attribute value before using it. */
function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function dangerousUrl(value: string): boolean {
  // browsers ignore ASCII whitespace and control characters inside the scheme
  const v = decodeEntities(value)
    .replace(/[\u0000-\u0020]/g, '')
    .toLowerCase();
  return v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text/html') || v.startsWith('data:image/svg');
}

export function findLiveScript(html: string): LiveScript[] {
  const out: LiveScript[] = [];
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const name = m[1].toLowerCase();
    const attrs: Record<string, string> = {};
    ATTR.lastIndex = 0;
    for (let a = ATTR.exec(m[2]); a; a = ATTR.exec(m[2])) attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    const snippet = m[0].slice(0, 200);
    for (const [k, v] of Object.entries(attrs)) {
      if (k.startsWith('on')) out.push({ what: `event handler attribute ${k}`, snippet });
      if (URL_ATTRS.has(k) && dangerousUrl(v)) out.push({ what: `script URL in ${k}`, snippet });
      if (k === 'style' && /expression\(|url\(\s*['"]?\s*javascript:/i.test(decodeEntities(v))) out.push({ what: 'script in style', snippet });
    }
    if (FORBIDDEN_TAGS.has(name)) out.push({ what: `<${name}> element`, snippet });
    if (name === 'meta' && (attrs['http-equiv'] ?? '').toLowerCase() === 'refresh') out.push({ what: 'meta refresh', snippet });
    if (name === 'script') {
      const type = (attrs.type ?? '').toLowerCase();
      if (type === 'application/ld+json' || type === 'application/json') {
        const end = text.indexOf('</script', TAG.lastIndex);
        const body = text.slice(TAG.lastIndex, end < 0 ? undefined : end);
        try {
          JSON.parse(body);
        } catch {
          out.push({ what: 'JSON data block that does not parse (broken out of?)', snippet: body.slice(0, 200) });
        }
        if (body.includes('<')) out.push({ what: 'unescaped < in a JSON data block', snippet: body.slice(0, 200) });
      } else if (!attrs.src) {
        out.push({ what: 'inline <script>', snippet });
      } else if (!attrs.src.startsWith('/assets/')) {
        out.push({ what: `script from ${attrs.src}`, snippet });
      }
    }
  }
  return out;
}
