/**
 * Markdown to safe HTML for articles and pages. markdown-it runs with `html: false`, so raw HTML
 * in the source is escaped, never passed through; links and images are checked by a validator that
 * allows only http(s), mailto and relative addresses (no javascript:, data:, vbscript:, file:…);
 * external links get rel="nofollow noopener noreferrer". The output is therefore inert.
 */
import MarkdownIt from 'markdown-it';

const ALLOWED_SCHEME = /^(https?:|mailto:)/i;

/** True for http(s), mailto and relative URLs (after stripping what browsers ignore). */
export function isSafeUrl(raw: string): boolean {
  // browsers drop control characters and whitespace inside a scheme ("java\tscript:")
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').trim();
  if (url === '') return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!scheme) return !url.startsWith('//') || false;
  return ALLOWED_SCHEME.test(url);
}

function isExternal(url: string): boolean {
  return /^(https?:)?\/\//i.test(url);
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.validateLink = (url: string) => isSafeUrl(url);

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx].attrGet('href') ?? '');
  if (isExternal(href)) tokens[idx].attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  token.attrSet('alt', self.renderInlineAsText(token.children ?? [], options, env));
  token.attrSet('loading', 'lazy');
  return self.renderToken(tokens, idx, options);
};

/** Safe HTML from Markdown. */
export function renderMarkdown(source: string): string {
  return md.render(source.normalize('NFC'));
}

/** The text of Markdown without markup: for summaries, snippets, feeds and search. */
export function markdownToText(source: string): string {
  const html = md.render(source.normalize('NFC'));
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
