/**
 * Stopping and starting the platform on the same data: nothing is lost, nothing is seeded twice,
 * and the embedded data directory cannot be opened twice at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { findUserByEmail } from '../../src/org/queries';
import { chainAuditEvents } from '../../src/platform/audit/chain-audit-events';
import { verifyAuditChain } from '../../src/platform/audit/verify-audit-chain';
import { DataDirLockedError, LOCK_FILE_NAME } from '../../src/platform/db/data-dir-lock';
import { type RunningPlatform, type StartOptions, startPlatform } from '../../src/platform/start';
import { DEMO_ACCOUNTS } from '../../src/seed/seed-demo';
import { type CliTarget, createCliTarget } from '../support/cli';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';

let target: CliTarget;
const running: RunningPlatform[] = [];

function configFor(t: CliTarget) {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...t.env });
}

async function start(t: CliTarget, opts: Partial<StartOptions> = {}) {
  const p = await startPlatform(configFor(t), { work: false, jobs: false, seed: { demo: true }, logger: pino({ level: 'silent' }), ...opts });
  running.push(p);
  return p;
}

async function tally(p: RunningPlatform) {
  const n = async (sqlText: string) => Number((await p.database.executeSql(sqlText)).rows[0].n);
  return {
    units: await n('SELECT count(*)::int AS n FROM org_unit'),
    tasks: await n('SELECT count(*)::int AS n FROM task'),
    indicators: await n('SELECT count(*)::int AS n FROM indicator'),
    demoUsers: await n('SELECT count(*)::int AS n FROM app_user WHERE is_demo'),
    users: await n('SELECT count(*)::int AS n FROM app_user'),
    mail: await n('SELECT count(*)::int AS n FROM mail_outbox'),
    audit: await n('SELECT count(*)::int AS n FROM audit_event'),
  };
}

beforeAll(async () => {
  target = await createCliTarget();
});

afterAll(async () => {
  for (const p of running) await p.shutdown().catch(() => {});
  await target?.dispose();
});

describe(`restart on ${backend}`, () => {
  let firstTally: Awaited<ReturnType<typeof tally>>;
  let email: string;

  it('first start migrates and seeds reference and demo data', async () => {
    const p = await start(target);
    expect(p.seeded.reference).not.toBeNull();
    expect(p.seeded.reference!.tasks).toBe(140);
    expect(p.seeded.demo).toHaveLength(DEMO_ACCOUNTS.length);
    email = (await makeUser(p.db, { role: 'officer', orgCode: 'BKHCN', fullName: 'Nguyễn Thị Bền Vững' })).email;
    firstTally = await tally(p);
    // 140 tasks of Resolution 03, the demo plan's 4 tasks and the demo initiative adopted as a task
    expect(firstTally).toMatchObject({ tasks: 145, demoUsers: DEMO_ACCOUNTS.length, users: DEMO_ACCOUNTS.length + 1 });
    await p.shutdown();
    // shutting down twice is harmless
    await p.shutdown();
    if (target.dataDir) expect(fs.existsSync(path.join(target.dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('second start keeps the data and seeds nothing again', async () => {
    const p = await start(target);
    expect(p.seeded).toEqual({ reference: null, demo: null });
    const user = await findUserByEmail(p.db, email);
    expect(user?.fullName).toBe('Nguyễn Thị Bền Vững');
    expect(await tally(p)).toEqual(firstTally);
    // without the job system no chainer runs in this process: link what the two starts wrote
    await chainAuditEvents(p.db);
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true, checked: firstTally.audit, pending: 0 });
    await p.shutdown();
  });

  it('starts and restarts with the job queue (pg-boss schema made once, schedules kept)', async () => {
    const p = await start(target, { jobs: true, work: true });
    const { rows } = await p.database.executeSql('SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name');
    expect(rows).toEqual([
      { name: 'feedback.deadlines', cron: '10 * * * *', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'mail.deliver', cron: '* * * * *', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'monitoring.overdue', cron: '5 * * * *', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'portal.publish-scheduled', cron: '* * * * *', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'rate-limits.prune', cron: '23 * * * *', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'scoring.snapshot', cron: '30 0 1 * *', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'sessions.purge', cron: '17 * * * *', timezone: 'Asia/Ho_Chi_Minh' },
    ]);
    await p.shutdown();
    const again = await start(target, { jobs: true, work: true });
    expect((await again.database.executeSql('SELECT count(*)::int AS n FROM pgboss.schedule')).rows[0].n).toBe(rows.length);
    expect(await tally(again)).toEqual(firstTally);
    await again.shutdown();
  });

  it.skipIf(backend !== 'pglite')('refuses to open the same DATA_DIR twice, in this process too', async () => {
    const p = await start(target);
    await expect(start(target)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(start(target)).rejects.toThrow(/đang được tiến trình \d+ sử dụng/);
    // the first one still works and still holds the lock
    expect(await tally(p)).toEqual(firstTally);
    expect(fs.readFileSync(path.join(target.dataDir!, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    await p.shutdown();
    expect(fs.existsSync(path.join(target.dataDir!, LOCK_FILE_NAME))).toBe(false);
  });

  it.skipIf(backend !== 'pglite')('takes over a lock left by a dead process, or an unreadable one', async () => {
    const lockFile = path.join(target.dataDir!, LOCK_FILE_NAME);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    for (const content of [`${dead}\n`, 'rác']) {
      fs.writeFileSync(lockFile, content);
      const p = await start(target);
      expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
      await p.shutdown();
      expect(fs.existsSync(lockFile)).toBe(false);
    }
  });

  it.skipIf(backend !== 'pglite')('does not touch the data when the lock is held by a live process', async () => {
    const lockFile = path.join(target.dataDir!, LOCK_FILE_NAME);
    // our parent (the vitest main process) is alive and is not us
    fs.writeFileSync(lockFile, `${process.ppid}\n`);
    try {
      await expect(start(target)).rejects.toThrow(new RegExp(`tiến trình ${process.ppid}`));
      expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.ppid));
    } finally {
      fs.rmSync(lockFile, { force: true });
    }
  });
});
