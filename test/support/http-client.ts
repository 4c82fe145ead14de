/**
 * A small browser-like HTTP client for tests against real listening servers (child processes):
 * keeps cookies, sends the CSRF token the way the pages do, and can point at any of several
 * servers while keeping the same cookie jar — which is what a user behind a load balancer does.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return h;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(url, { headers: this.headers({ accept: 'text/html', ...headers }), redirect: 'manual' });
    this.remember(res);
    return res;
  }

  async postForm(url: string, form: Record<string, string>): Promise<Response> {
    if (!this.cookies.get('nq57_csrf')) await this.get(new URL('/', url).toString());
    const body = new URLSearchParams({ _csrf: this.cookies.get('nq57_csrf') ?? '', ...form });
    const res = await fetch(url, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }),
      body,
      redirect: 'manual',
    });
    this.remember(res);
    return res;
  }

  async postJson(url: string, json: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...headers };
    if (this.cookies.get('nq57_session') && this.cookies.get('nq57_csrf')) h['x-csrf-token'] = this.cookies.get('nq57_csrf')!;
    const res = await fetch(url, { method: 'POST', headers: this.headers(h), body: JSON.stringify(json), redirect: 'manual' });
    this.remember(res);
    return res;
  }
}
