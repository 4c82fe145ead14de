/**
 * The authorisation matrix, generated from the live route table: every route × anonymous and
 * every role × own unit / subtree / sibling province / parent, against the one-line policies of
 * test/support/security/access-map.ts. A route without a line fails the suite, so nobody adds an
 * endpoint without deciding who may call it. Real resources of province A (a task with a report,
 * a forwarded case with an internal note and a draft answer, an unpublished article) fill the
 * path parameters; callers outside A get 403/404 and never see A's private texts; anonymous
 * callers of staff pages are sent to sign in (HTML) or get 401 (API); a write is refused (401,
 * 403/404) before its invalid body is validated; nothing answers 5xx; and a refused write changes
 * no row anywhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_PERMISSIONS, type Permission } from '../../src/org/policies';
import { backend } from '../support/db';
import type { AgentResponse, TestAgent, TestPlatform } from '../support/platform';
import { createTestPlatform } from '../support/platform';
import { ACCESS_MAP, type Policy, type Resource } from '../support/security/access-map';
import { countChanges, tableCounts } from '../support/security/db-state';
import { listRoutes, type RouteEntry } from '../support/security/route-table';
import { type Actor, buildWorld, rolePerms, UNIT_A, type World } from '../support/security/world';

let p: TestPlatform;
let dataDir: string;
let world: World;
let routes: RouteEntry[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-authz-'));
  p = await createTestPlatform({ config: { dataDir } });
  world = await buildWorld(p, dataDir);
  routes = listRoutes(p.app);
}, 180_000);
afterAll(async () => {
  await p?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const isApi = (url: string) => url.startsWith('/api/') || url.startsWith('/open311/');

/** Path parameters: A's resource where the policy names one, else values that match nothing. */
function concreteUrl(route: RouteEntry, policy: Policy): { url: string; unmatched: boolean } {
  let unmatched = false;
  const byResource: Partial<Record<Resource, Record<string, string>>> = {
    task: { id: world.taskId },
    report: { id: world.reportId },
    case: { code: world.caseCode, assignmentId: world.assignmentId },
    assignment: { code: world.caseCode, assignmentId: world.assignmentId },
    article: { id: world.articleId },
    user: { id: world.userId },
    unit: { code: UNIT_A },
  };
  const known = policy.at ? (byResource[policy.at] ?? {}) : {};
  const url = route.url
    .replace(/:(\w+)/g, (_m, name: string) => {
      if (known[name]) return known[name];
      unmatched = true;
      if (name === 'hash') return '0'.repeat(64);
      if (name === 'file') return 'khong-co.json';
      if (/id$/i.test(name)) return randomUUID();
      return 'khong-ton-tai';
    })
    .replace(/\*$/, () => {
      unmatched = true;
      return 'khong-co-tep.txt';
    });
  return { url, unmatched };
}

/** 'deny': no such permission anywhere; 'scope': the permission, but not over the resource's unit */
type Expect = 'public' | 'login' | 'deny' | 'scope' | 'allow';

/**
 * National permissions come only from a role at the root or the standing office, and every actor
 * of the world sits in a province: theirs never count, whatever the role.
 */
function holdsAny(actor: Actor, perms: readonly Permission[]) {
  return perms.some((x) => rolePerms(actor.role).includes(x) && !NATIONAL_PERMISSIONS.includes(x));
}

/** Does the actor's unit cover unit A (the resource's unit)? Root resources: only the root covers. */
function covers(actor: Actor, resource: Resource | undefined) {
  if (resource === 'root') return false; // no actor of the world sits at the root of the tree
  return actor.relation === 'own' || actor.relation === 'parent';
}

function expected(actor: Actor | null, policy: Policy): Expect {
  if (policy.need === 'public') return 'public';
  if (!actor) return 'login';
  let holds: boolean;
  if (policy.need === 'signedIn') holds = true;
  else if (policy.need === 'staff') holds = actor.role !== 'viewer';
  else holds = holdsAny(actor, policy.need) || holdsAny(actor, policy.national ?? []);
  if (!holds) return 'deny';
  if (!policy.scoped) return 'allow';
  if (holdsAny(actor, policy.national ?? [])) return 'allow';
  return covers(actor, policy.at) ? 'allow' : 'scope';
}

function isLogin(r: AgentResponse) {
  return r.status === 401 || ((r.status === 302 || r.status === 303) && (r.location ?? '').startsWith('/login'));
}

function verdict(r: AgentResponse, want: Expect, unmatched: boolean, write: boolean): string | null {
  if (r.status >= 500) return `answered ${r.status}`;
  switch (want) {
    // the policy is asked before the body is validated: an invalid body tells an outsider nothing
    case 'login':
      if (isLogin(r)) return null;
      return `anonymous got ${r.status} ${r.location ?? ''}`;
    case 'deny':
    case 'scope':
      if (r.status === 403 || r.status === 404) return null;
      return `should be refused${want === 'scope' ? ' (out of scope)' : ''}, got ${r.status} ${r.location ?? ''}`;
    case 'public':
      if (r.status === 401 || r.status === 403 || isLogin(r)) return `public route refused: ${r.status}`;
      return null;
    case 'allow':
      if (isLogin(r) || r.status === 403) return `should be allowed, got ${r.status}`;
      // 400: the bare URL lacks a required query parameter; the caller got past the policy
      if (r.status >= 400 && r.status !== 400 && !unmatched && !write) return `should be allowed, got ${r.status}`;
      return null;
  }
}

/** Roles that see every unit's cases or tasks: the private texts of A are theirs to read. */
function nationalReader(actor: Actor) {
  return holdsAny(actor, ['feedback.triage', 'oversight.national']);
}

function mustNotSeeSecrets(actor: Actor | null) {
  if (!actor) return true;
  return (actor.relation === 'child' || actor.relation === 'sibling') && !nationalReader(actor);
}

async function call(agent: TestAgent, method: string, url: string): Promise<AgentResponse> {
  if (method === 'GET') return agent.get(url, { accept: isApi(url) ? 'application/json' : 'text/html' });
  if (isApi(url)) return agent.api(method, url, {});
  return agent.postForm(url, {});
}

describe(`authorisation matrix on ${backend}`, () => {
  it('has exactly one access-map line for every registered route', () => {
    const keys = new Set(routes.map((r) => r.key));
    const missing = routes.filter((r) => !ACCESS_MAP[r.key]).map((r) => r.key);
    const stale = Object.keys(ACCESS_MAP).filter((k) => !keys.has(k));
    expect(missing, 'routes without a policy line in test/support/security/access-map.ts').toEqual([]);
    expect(stale, 'access-map lines for routes that no longer exist').toEqual([]);
    expect(routes.length).toBeGreaterThan(150);
  });

  it('answers every GET route as its policy says, for every role and unit relation, leaking nothing', async () => {
    const failures: string[] = [];
    const secrets = Object.values(world.secrets);
    const callers: (Actor | null)[] = [null, ...world.actors];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const policy = ACCESS_MAP[route.key];
      if (!policy) continue;
      const { url, unmatched } = concreteUrl(route, policy);
      // callers in small concurrent batches: PostgreSQL serves them in parallel, PGlite in turn
      const batches: (Actor | null)[][] = [];
      for (let i = 0; i < callers.length; i += 6) batches.push(callers.slice(i, i + 6));
      for (const batch of batches) {
        await Promise.all(
          batch.map(async (actor) => {
            if (policy.stream && expected(actor, policy) === 'allow') return;
            const agent = actor ? actor.agent : world.anon;
            const r = await call(agent, 'GET', url);
            const who = actor?.name ?? 'anonymous';
            const bad = verdict(r, expected(actor, policy), unmatched || !!policy.query, false);
            if (bad) failures.push(`${route.key} as ${who}: ${bad}`);
            if (mustNotSeeSecrets(actor)) {
              const leaked = secrets.filter((s) => r.body.includes(s));
              if (leaked.length) failures.push(`${route.key} as ${who}: leaks ${leaked.join(' | ')}`);
            }
          }),
        );
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses every write to anonymous callers and to roles without the permission, changing no row', async () => {
    const before = await tableCounts(p.ctx.db);
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const policy = ACCESS_MAP[route.key];
      if (!policy || policy.need === 'public') continue;
      const { url, unmatched } = concreteUrl(route, policy);
      for (const actor of [null, ...world.actors]) {
        const want = expected(actor, policy);
        if (want === 'allow') continue;
        const agent = actor ? actor.agent : world.anon;
        const r = await call(agent, route.method, url);
        const bad = verdict(r, want, unmatched, true);
        if (bad) failures.push(`${route.key} as ${actor?.name ?? 'anonymous'}: ${bad}`);
      }
    }
    expect(failures).toEqual([]);
    const after = await tableCounts(p.ctx.db);
    expect(countChanges(before, after)).toEqual([]);
  }, 600_000);

  it('keeps A’s private texts away from a sibling province’s officer and leader on the resource pages', async () => {
    const sib = world.actors.filter((a) => a.relation === 'sibling' && (a.role === 'officer' || a.role === 'leader'));
    const pages = [
      `/cases/${world.caseCode}`,
      `/api/v1/feedback/${world.caseCode}`,
      `/tasks/${world.taskId}`,
      `/api/v1/tasks/${world.taskId}`,
      `/reports/${world.reportId}`,
      `/api/v1/reports/${world.reportId}`,
      `/editor/articles/${world.articleId}`,
      `/api/v1/public/feedback/${world.caseCode}`,
    ];
    for (const a of sib) {
      for (const url of pages) {
        const r = await call(a.agent, 'GET', url);
        if (!url.includes('/public/')) expect([403, 404], `${url} as ${a.name}`).toContain(r.status);
        for (const s of Object.values(world.secrets)) expect(r.body, `${url} as ${a.name}`).not.toContain(s);
      }
    }
    // and the owners do read them: the check above is not passing on empty pages
    const officerA = world.actors.find((a) => a.role === 'officer' && a.relation === 'own')!;
    const mine = await call(officerA.agent, 'GET', `/cases/${world.caseCode}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(world.secrets.note);
    expect(mine.body).toContain(world.secrets.draft);
    expect(mine.body).toContain(world.secrets.submitterEmail);
  }, 120_000);
});
