/**
 * The `nq57` command line, run as a real child process (`node bin/nq57.js …`) against a database
 * of its own: a temporary DATA_DIR on PGlite, a fresh PostgreSQL database when the run has
 * DATABASE_URL. Each check opens the database afterwards to see what the command really wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveApiToken } from '../../src/platform/auth/api-tokens';
import { verifyPassword } from '../../src/platform/auth/password';
import { sha256 } from '../../src/platform/auth/tokens';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { LOCK_FILE_NAME } from '../../src/platform/db/data-dir-lock';
import { DEMO_ACCOUNTS } from '../../src/seed/seed-demo';
import { type CliServer, type CliTarget, createCliTarget, lastLine, runCli, startCliServer } from '../support/cli';
import { backend } from '../support/db';

// Each CLI call is a fresh Node process that loads tsx and opens the database: slow on a busy
// two-core machine, so these tests get more time than the default.
vi.setConfig({ testTimeout: 180_000 });

const PASSWORD = 'Mật-khẩu-Mạnh-2025!';
/** Vietnamese text: letters only Vietnamese uses (ă â đ ê ô ơ ư and tone marks). */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

async function withDb<T>(target: CliTarget, fn: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const db = await target.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function count(db: DatabaseHandle, sqlText: string, values?: unknown[]): Promise<number> {
  const { rows } = await db.executeSql(sqlText, values ?? []);
  return Number(rows[0].n);
}

async function counts(db: DatabaseHandle) {
  return {
    users: await count(db, 'SELECT count(*)::int AS n FROM app_user'),
    roles: await count(db, 'SELECT count(*)::int AS n FROM role_assignment'),
    audit: await count(db, 'SELECT count(*)::int AS n FROM audit_event'),
    tokens: await count(db, 'SELECT count(*)::int AS n FROM api_token'),
  };
}

async function userRoles(db: DatabaseHandle, email: string) {
  const { rows } = await db.executeSql(
    `SELECT u.id, u.email, u.is_demo, u.password_hash, r.role, o.code
       FROM app_user u JOIN role_assignment r ON r.user_id = u.id JOIN org_unit o ON o.id = r.org_unit_id
      WHERE u.email = $1`,
    [email],
  );
  return rows as { id: string; email: string; is_demo: boolean; password_hash: string; role: string; code: string }[];
}

function expectRefused(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp) {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).toMatch(VIETNAMESE);
  // a message, not a crash
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

/** Seeded with `seed --no-demo`; the users/tokens/audit groups work on copies of it. */
let base: CliTarget;
const targets: CliTarget[] = [];
async function copyOf(t: CliTarget) {
  const c = await t.copy();
  targets.push(c);
  return c;
}

beforeAll(async () => {
  base = await createCliTarget();
  targets.push(base);
  const r = await runCli(['seed', '--no-demo'], base.env);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('Đã nạp dữ liệu tham chiếu');
}, 120_000);

afterAll(async () => {
  for (const t of targets) await t.dispose().catch(() => {});
});

describe(`nq57 seed on ${backend}`, () => {
  it('seed --no-demo loads reference data and no demo accounts', async () => {
    await withDb(base, async (db) => {
      expect(await count(db, 'SELECT count(*)::int AS n FROM org_unit')).toBeGreaterThan(3000);
      expect(await count(db, 'SELECT count(*)::int AS n FROM task')).toBe(140);
      expect(await count(db, 'SELECT count(*)::int AS n FROM app_user WHERE is_demo')).toBe(0);
      expect(await count(db, `SELECT count(*)::int AS n FROM app_meta WHERE key = 'seed.demo'`)).toBe(0);
    });
  });

  it('plain seed on a fresh database loads reference data and the demo accounts, once', async () => {
    const t = await createCliTarget();
    targets.push(t);
    const first = await runCli(['seed'], t.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Đã tạo ${DEMO_ACCOUNTS.length} tài khoản minh họa`);
    const again = await runCli(['seed'], t.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Dữ liệu tham chiếu đã có sẵn');
    expect(again.stdout).toContain('Dữ liệu minh họa đã có sẵn');
    await withDb(t, async (db) => {
      expect(await count(db, 'SELECT count(*)::int AS n FROM app_user WHERE is_demo')).toBe(DEMO_ACCOUNTS.length);
      expect(await count(db, 'SELECT count(*)::int AS n FROM app_user')).toBe(DEMO_ACCOUNTS.length);
      expect(await count(db, 'SELECT count(*)::int AS n FROM task')).toBe(145); // 140 of Resolution 03, the demo plan's 4, the demo initiative adopted as a task
      const [officer] = await userRoles(db, 'chuyenvien.bkhcn@demo.nq57.vn');
      expect(officer).toMatchObject({ role: 'officer', code: 'BKHCN', is_demo: true });
    });
  });
});

describe(`nq57 users create / tokens create on ${backend}`, () => {
  let t: CliTarget;
  beforeAll(async () => {
    t = await copyOf(base);
  });

  it('creates a user with the role held at the given unit', async () => {
    const r = await runCli(['users', 'create', '--email', 'Chuyen.Vien@Example.VN', '--password', PASSWORD, '--role', 'officer', '--org', 'BKHCN', '--name', 'Phạm Thu Hà'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('BKHCN');
    await withDb(t, async (db) => {
      const rows = await userRoles(db, 'chuyen.vien@example.vn');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ role: 'officer', code: 'BKHCN', is_demo: false });
      // stored as an argon2 hash of the NFC password
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(rows[0].password_hash, PASSWORD)).toBe(true);
      const { rows: audit } = await db.executeSql(`SELECT actor_label FROM audit_event WHERE action = 'user.create' AND entity_id = $1`, [rows[0].id]);
      expect(audit).toEqual([{ actor_label: 'cli' }]);
    });
  });

  it('without --org holds the role at the root unit BCDTW', async () => {
    const r = await runCli(['users', 'create', '--email', 'goc@example.vn', '--password', PASSWORD, '--role', 'viewer'], t.env);
    expect(r.code, r.stderr).toBe(0);
    await withDb(t, async (db) => {
      const rows = await userRoles(db, 'goc@example.vn');
      expect(rows.map((x) => [x.role, x.code])).toEqual([['viewer', 'BCDTW']]);
    });
  });

  it('refuses a bad role, an unknown unit, a weak password, a duplicate e-mail and bad options, writing nothing', async () => {
    const before = await withDb(t, counts);
    const badRole = await runCli(['users', 'create', '--email', 'x1@example.vn', '--password', PASSWORD, '--role', 'superuser'], t.env);
    expectRefused(badRole, /[Vv]ai trò/);
    const badOrg = await runCli(['users', 'create', '--email', 'x2@example.vn', '--password', PASSWORD, '--role', 'officer', '--org', 'KHONG_CO'], t.env);
    expectRefused(badOrg, /KHONG_CO/);
    const weak = await runCli(['users', 'create', '--email', 'x3@example.vn', '--password', 'abc', '--role', 'officer'], t.env);
    expectRefused(weak, /[Mm]ật khẩu/);
    const dup = await runCli(['users', 'create', '--email', 'GOC@example.vn', '--password', PASSWORD, '--role', 'admin'], t.env);
    expectRefused(dup, /thư điện tử|email/i);
    const missing = await runCli(['users', 'create', '--email', 'x4@example.vn'], t.env);
    expectRefused(missing, /--password/);
    const unknownOption = await runCli(['users', 'create', '--email', 'x5@example.vn', '--password', PASSWORD, '--role', 'officer', '--vai-tro', 'x'], t.env);
    expectRefused(unknownOption, /--vai-tro/);
    await withDb(t, async (db) => {
      expect(await counts(db)).toEqual(before);
      expect(await count(db, `SELECT count(*)::int AS n FROM app_user WHERE email LIKE 'x_@example.vn'`)).toBe(0);
      // the duplicate did not change the existing account's role
      expect((await userRoles(db, 'goc@example.vn')).map((x) => x.role)).toEqual(['viewer']);
    });
  });

  it('tokens create prints the token as its last line, and the token authenticates the user', async () => {
    const r = await runCli(['tokens', 'create', '--email', 'chuyen.vien@example.vn', '--name', 'Tích hợp thử'], t.env);
    expect(r.code, r.stderr).toBe(0);
    const token = lastLine(r.stdout);
    expect(token).toMatch(/^nq57_[A-Za-z0-9_-]{40,}$/);
    await withDb(t, async (db) => {
      const [user] = await userRoles(db, 'chuyen.vien@example.vn');
      const { rows } = await db.executeSql('SELECT user_id, name, revoked_at FROM api_token WHERE token_hash = $1', [sha256(token)]);
      expect(rows).toEqual([{ user_id: user.id, name: 'Tích hợp thử', revoked_at: null }]);
      // only the hash is stored
      expect(await count(db, 'SELECT count(*)::int AS n FROM api_token WHERE token_hash = $1', [token])).toBe(0);
      expect(await resolveApiToken(db.db, token)).toBe(user.id);
      expect(await resolveApiToken(db.db, `${token}x`)).toBeNull();
    });
  });

  it('tokens create for an unknown e-mail fails without a token', async () => {
    const before = await withDb(t, counts);
    const r = await runCli(['tokens', 'create', '--email', 'khong-co@example.vn'], t.env);
    expectRefused(r, /khong-co@example\.vn/);
    expect(r.stdout).not.toMatch(/nq57_/);
    expect((await withDb(t, counts)).tokens).toBe(before.tokens);
  });

  it('unknown commands and sub-commands fail with the usage text', async () => {
    const r = await runCli(['users', 'xoa'], t.env);
    expectRefused(r, /Cách dùng/);
  });
});

describe(`nq57 audit verify on ${backend}`, () => {
  let source: CliTarget;
  beforeAll(async () => {
    // a few records to break: seed, users and a token
    source = await copyOf(base);
    for (const email of ['a1@example.vn', 'a2@example.vn']) {
      const r = await runCli(['users', 'create', '--email', email, '--password', PASSWORD, '--role', 'officer'], source.env);
      expect(r.code, r.stderr).toBe(0);
    }
    const r = await runCli(['tokens', 'create', '--email', 'a1@example.vn'], source.env);
    expect(r.code, r.stderr).toBe(0);
  });

  async function seqs(t: CliTarget): Promise<number[]> {
    return withDb(t, async (db) => (await db.executeSql('SELECT seq FROM audit_event ORDER BY seq')).rows.map((r) => Number(r.seq)));
  }

  it('exits 0 on an intact chain', async () => {
    const all = await seqs(source);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const r = await runCli(['audit', 'verify'], source.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`đã kiểm tra ${all.length} bản ghi`);
  });

  it('names the edited record when a row was changed', async () => {
    const t = await copyOf(source);
    const all = await seqs(t);
    const target = all[2];
    await withDb(t, (db) => db.executeSql(`UPDATE audit_event SET after = '{"sửa": true}'::jsonb WHERE seq = $1`, [target]));
    const r = await runCli(['audit', 'verify'], t.env);
    expectRefused(r, new RegExp(`bản ghi số ${target}\\b`));
    expect(r.stderr).toContain('nội dung đã bị sửa');
  });

  it('names the record after a deleted one', async () => {
    const t = await copyOf(source);
    const all = await seqs(t);
    await withDb(t, (db) => db.executeSql('DELETE FROM audit_event WHERE seq = $1', [all[1]]));
    const r = await runCli(['audit', 'verify'], t.env);
    expectRefused(r, new RegExp(`bản ghi số ${all[2]}\\b`));
    expect(r.stderr).toContain('liên kết với bản ghi trước không khớp');
  });
});

describe(`nq57 serve on ${backend}`, () => {
  let t: CliTarget;
  let token: string;
  let server: CliServer | null = null;

  beforeAll(async () => {
    t = await copyOf(base);
    const u = await runCli(['users', 'create', '--email', 'api@example.vn', '--password', PASSWORD, '--role', 'officer', '--org', '01'], t.env);
    expect(u.code, u.stderr).toBe(0);
    const r = await runCli(['tokens', 'create', '--email', 'api@example.vn'], t.env);
    expect(r.code, r.stderr).toBe(0);
    token = lastLine(r.stdout);
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it.skipIf(backend !== 'pglite')('refuses a second process on the same DATA_DIR while serving, and keeps serving', async () => {
    server = await startCliServer(['--no-demo'], t.env);
    const pid = server.process.pid!;
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const lockFile = path.join(t.dataDir!, LOCK_FILE_NAME);
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(pid));

    const second = await runCli(['users', 'create', '--email', 'thu-hai@example.vn', '--password', PASSWORD, '--role', 'officer'], t.env);
    expectRefused(second, new RegExp(`đang được tiến trình ${pid} sử dụng`));
    const secondServer = await runCli(['serve'], { ...t.env, PORT: '0', HOST: '127.0.0.1' });
    expectRefused(secondServer, new RegExp(`đang được tiến trình ${pid} sử dụng`));
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(pid));

    // the first is unharmed
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe('api@example.vn');

    const exit = await server.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    server = null;
    expect(fs.existsSync(lockFile)).toBe(false);

    // usable again, nothing written by the refused command, chain intact
    const verify = await runCli(['audit', 'verify'], t.env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(await withDb(t, (db) => count(db, `SELECT count(*)::int AS n FROM app_user WHERE email = 'thu-hai@example.vn'`))).toBe(0);
  });

  it.skipIf(backend !== 'pglite')('takes over a lock left by a process that died', async () => {
    const c = await copyOf(t);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    fs.writeFileSync(path.join(c.dataDir!, LOCK_FILE_NAME), `${dead.stdout.toString()}\n`);
    const r = await runCli(['audit', 'verify'], c.env);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(c.dataDir!, LOCK_FILE_NAME))).toBe(false);
  });

  it.skipIf(backend !== 'postgres')('lets other commands use PostgreSQL while serving', async () => {
    server = await startCliServer(['--no-demo'], t.env);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const other = await runCli(['users', 'create', '--email', 'dong-thoi@example.vn', '--password', PASSWORD, '--role', 'viewer'], t.env);
    expect(other.code, other.stderr).toBe(0);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe('api@example.vn');
    const exit = await server.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    server = null;
    expect((await withDb(t, (db) => userRoles(db, 'dong-thoi@example.vn'))).map((x) => x.code)).toEqual(['BCDTW']);
  });
});
