/**
 * The `nq57` command line: serve, worker, migrate, seed, users, tokens, audit, backup, restore,
 * bench. Every command loads the same configuration and migrates first when needed.
 */
import { SERVER_HEAP_MB, SERVER_NODE_FLAGS, heapLimitMb, runsWithoutMemoryBudget } from './platform/memory-budget';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from './config';
import { createUser } from './org/create-user';
import { findUserByEmail } from './org/queries';
import { ROLES } from './org/schema';
import { SYSTEM_ACTOR } from './platform/audit/record-audit';
import { chainAuditEvents } from './platform/audit/chain-audit-events';
import { verifyAuditChain } from './platform/audit/verify-audit-chain';
import { backupDatabase } from './platform/backup/backup-database';
import { GenerateError, generateBenchData } from './bench/generate-bench-data';
import { RestoreError, restoreDatabase } from './platform/backup/restore-database';
import { createApiToken } from './platform/auth/api-tokens';
import { DataDirLockedError } from './platform/db/data-dir-lock';
import { AppError } from './platform/errors';
import { buildServer } from './platform/http/server';
import { setDemoBanner } from './platform/http/render';
import { type RunningPlatform, startPlatform } from './platform/start';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/seed-demo';
import { isSeeded } from './seed/seed-reference';

const USAGE = `Cách dùng: nq57 <lệnh> [tùy chọn]

Lệnh:
  serve [--no-demo]        chạy máy chủ web (chế độ nhúng: kèm xử lý nền)
  worker                   chạy xử lý nền (pg-boss) với PostgreSQL
  migrate                  áp dụng migration
  seed [--no-demo]         nạp dữ liệu tham chiếu (và dữ liệu minh họa)
  users create --email E --password P --role R [--org MÃ] [--name "Họ tên"]
  tokens create --email E [--name TÊN]   in mã truy cập API ở dòng cuối
  audit verify             kiểm tra chuỗi băm nhật ký
  backup [--out THƯ_MỤC]   sao lưu toàn bộ dữ liệu và tệp (mặc định ./backups/nq57-<thời điểm>)
  restore THƯ_MỤC [--force]  khôi phục từ bản sao lưu rồi kiểm tra số dòng, tổng kiểm tra, tệp, nhật ký
  bench generate [--scale N] [--seed S]  tạo dữ liệu tổng hợp quy mô quốc gia (tiếp tục được nếu bị ngắt)
  bench [--scale N]        chạy bộ đo hiệu năng

Biến môi trường: DATABASE_URL, DATA_DIR, PORT, SMTP_URL, PUBLIC_URL (xem README).`;

function say(line: string) {
  process.stdout.write(`${line}\n`);
}
function fail(line: string): number {
  process.stderr.write(`${line}\n`);
  return 1;
}

export async function main(argv: string[]): Promise<number | undefined> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    say(USAGE);
    return command ? 0 : 1;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    return fail((err as Error).message);
  }
  try {
    switch (command) {
      case 'serve':
        return await serve(config, [sub, ...rest].filter(Boolean) as string[]);
      case 'worker':
        return await worker(config);
      case 'migrate':
        return await once(config, { seed: false }, async () => say('Đã áp dụng migration.'));
      case 'seed': {
        const demo = ![sub, ...rest].includes('--no-demo');
        return await once(config, { seed: { demo } }, async (p) => {
          say(p.seeded.reference ? `Đã nạp dữ liệu tham chiếu: ${JSON.stringify(p.seeded.reference)}` : 'Dữ liệu tham chiếu đã có sẵn.');
          if (demo) say(p.seeded.demo ? `Đã tạo ${p.seeded.demo.length} tài khoản minh họa.` : 'Dữ liệu minh họa đã có sẵn.');
        });
      }
      case 'users':
        if (sub !== 'create') return fail(USAGE);
        return await usersCreate(config, rest);
      case 'tokens':
        if (sub !== 'create') return fail(USAGE);
        return await tokensCreate(config, rest);
      case 'audit':
        if (sub !== 'verify') return fail(USAGE);
        return await once(config, { seed: false }, async (p) => {
          await chainAuditEvents(p.db);
          const r = await verifyAuditChain(p.db);
          if (r.ok) {
            say(`Chuỗi nhật ký toàn vẹn: đã kiểm tra ${r.checked} bản ghi.`);
            return 0;
          }
          process.stderr.write(
            `Chuỗi nhật ký bị phá vỡ tại bản ghi số ${r.brokenAtSeq} (${r.reason === 'prev_hash_mismatch' ? 'liên kết với bản ghi trước không khớp' : 'nội dung đã bị sửa'}); ${r.checked} bản ghi trước đó hợp lệ.\n`,
          );
          return 2;
        });
      case 'bench': {
        if (sub === 'generate') return await benchGenerate(config, rest);
        const { runBenchmarks } = await import('../test/bench/run');
        return await runBenchmarks(config, [sub, ...rest].filter(Boolean) as string[]);
      }
      case 'backup':
        return await backup(config, [sub, ...rest].filter(Boolean) as string[]);
      case 'restore':
        return await restore(config, [sub, ...rest].filter(Boolean) as string[]);
      default:
        return fail(`Lệnh không hợp lệ: ${command}\n\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof GenerateError) return fail(err.message);
    if (String((err as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      return fail(`Tùy chọn không hợp lệ: ${(err as Error).message}\n\n${USAGE}`);
    }
    if (err instanceof AppError) {
      const fields = err.fields ? Object.entries(err.fields).map(([k, v]) => `  ${k}: ${v}`) : [];
      return fail([err.message, ...fields].join('\n'));
    }
    throw err;
  }
}

async function benchGenerate(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '57' } } });
  const scale = Number(values.scale);
  const seed = Number.parseInt(values.seed ?? '57', 10);
  if (!(scale > 0) || !Number.isFinite(scale) || !Number.isInteger(seed)) return fail('Giá trị --scale hoặc --seed không hợp lệ.');
  return once(config, { seed: { demo: false } }, async (p) => {
    const tty = process.stderr.isTTY;
    let last = 0;
    const state = await generateBenchData(p.database, {
      scale,
      seed,
      onProgress(pr) {
        const now = Date.now();
        if (!tty && now - last < 5000 && pr.overallDone < pr.overallTotal) return;
        last = now;
        const share = pr.overallDone / pr.overallTotal;
        const eta = share > 0 ? Math.round(((pr.elapsedMs / share) * (1 - share)) / 1000) : 0;
        const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
        const line = `[${bar}] ${(share * 100).toFixed(1)}% ${pr.part} ${pr.done}/${pr.total} — còn khoảng ${eta} giây`;
        process.stderr.write(tty ? `\r${line}` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    say(`Đã tạo dữ liệu đo (quy mô ${state.scale}, hạt giống ${state.seed}): ${Object.entries(state.done).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  });
}

async function backup(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const out = path.resolve(values.out ?? path.join('backups', `nq57-${stamp}`));
  return once(config, { seed: false }, async (p) => {
    const m = await backupDatabase(p.database, config.dataDir, out);
    const rows = m.tables.reduce((n, t) => n + t.rows, 0);
    say(`Đã sao lưu ${m.tables.length} bảng (${rows} dòng), ${m.files.count} tệp, ${m.audit.rows} bản ghi nhật ký.`);
    say(out);
  });
}

async function restore(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length !== 1) return fail(USAGE);
  const dir = path.resolve(positionals[0]!);
  return once(config, { seed: false }, async (p) => {
    try {
      const r = await restoreDatabase(p.database, config.dataDir, dir, { force: values.force });
      say(`Đã khôi phục ${r.tables} bảng (${r.rows} dòng) và ${r.files} tệp; số dòng và tổng kiểm tra khớp bản sao lưu.`);
    } catch (err) {
      if (err instanceof RestoreError) return fail(err.message);
      throw err;
    }
    await chainAuditEvents(p.db);
    const audit = await verifyAuditChain(p.db);
    if (!audit.ok) return fail(`Chuỗi nhật ký sau khôi phục bị phá vỡ tại bản ghi số ${audit.brokenAtSeq}.`);
    say(`Chuỗi nhật ký toàn vẹn: ${audit.checked} bản ghi.`);
  });
}

/** Starts the platform without jobs, runs one action, shuts down. */
async function once(
  config: ReturnType<typeof loadConfig>,
  opts: { seed: { demo: boolean } | false },
  /** resolves to the exit code, or to nothing for 0 */
  action: (p: RunningPlatform) => Promise<unknown>,
): Promise<number> {
  const p = await startPlatform(config, { work: false, jobs: false, seed: opts.seed, logger: quietLogger() });
  try {
    const code = await action(p);
    return typeof code === 'number' ? code : 0;
  } finally {
    await p.shutdown();
  }
}

function quietLogger() {
  // CLI one-shots print their own results; keep library logs to warnings.
  return pino({ level: 'warn' });
}

async function usersCreate(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  if (!values.email || !values.password || !values.role) {
    return fail(`Thiếu --email, --password hoặc --role. Vai trò: ${ROLES.join(', ')}.`);
  }
  return once(config, { seed: { demo: false } }, async (p) => {
    const { user, unit } = await createUser(
      p.db,
      {
        email: values.email!,
        password: values.password!,
        role: values.role as any,
        orgCode: values.org,
        fullName: values.name ?? values.email!.split('@')[0],
      },
      { principal: null, actor: { ...SYSTEM_ACTOR, label: 'cli' } },
    );
    say(`Đã tạo người dùng ${user.email} với vai trò ${values.role} tại ${unit.code} (${unit.name}).`);
  });
}

async function tokensCreate(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.email) return fail('Thiếu --email.');
  return once(config, { seed: false }, async (p) => {
    const user = await findUserByEmail(p.db, values.email!);
    if (!user) {
      process.stderr.write(`Không có người dùng ${values.email}.\n`);
      return 1;
    }
    const { token } = await createApiToken(p.db, user.id, values.name ?? 'cli', { ...SYSTEM_ACTOR, label: 'cli' });
    say(`Mã truy cập API cho ${user.email} (chỉ hiển thị một lần):`);
    say(token);
  });
}

async function serve(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number | undefined> {
  const demo = !args.includes('--no-demo') && process.env.NQ57_DEMO !== 'false';
  // Embedded mode runs jobs in-process; with PostgreSQL, `nq57 worker` does.
  const embedded = !config.databaseUrl;
  const platform = await startPlatform(config, { work: embedded, seed: { demo } });
  setDemoBanner(await isSeeded(platform.db, 'seed.demo'));
  let app: Awaited<ReturnType<typeof buildServer>>;
  try {
    app = await buildServer(platform);
  } catch (err) {
    await platform.shutdown();
    throw err;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.log.info({ signal }, 'shutting down');
    platform.ready = false;
    const timer = setTimeout(() => process.exit(1), 20_000);
    timer.unref();
    await app.close().catch(() => {});
    await platform.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => {});
    await platform.shutdown();
    return fail(`Không mở được cổng ${config.host}:${config.port}: ${(err as Error).message}`);
  }
  // PORT=0 asks the system for a free port: show (and link to) the one we got.
  const address = app.server.address();
  if (config.port === 0 && !process.env.PUBLIC_URL && address && typeof address === 'object') {
    platform.config.publicUrl = `http://localhost:${address.port}`;
  }
  const url = platform.config.publicUrl;
  say('');
  say(`nq57 đang chạy tại ${url}  (${platform.database.describe()})`);
  if (runsWithoutMemoryBudget()) {
    platform.log.warn({ heapLimitMb: heapLimitMb(), budgetMb: SERVER_HEAP_MB }, `chạy không có giới hạn bộ nhớ; nên khởi động bằng node ${SERVER_NODE_FLAGS.join(' ')} (npm start đã có)`);
  }
  if (await isSeeded(platform.db, 'seed.demo')) {
    say(`Tài khoản minh họa (mật khẩu chung: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) {
      const exists = await findUserByEmail(platform.db, a.email);
      if (exists) say(`  ${a.role.padEnd(16)} ${a.email}${a.role === 'admin' ? '  (lần đầu đăng nhập sẽ thiết lập xác thực hai lớp)' : ''}`);
    }
  }
  say('');
  return undefined;
}

async function worker(config: ReturnType<typeof loadConfig>): Promise<number | undefined> {
  if (!config.databaseUrl) {
    return fail('Lệnh worker dùng với PostgreSQL (DATABASE_URL). Ở chế độ nhúng, "serve" đã kèm xử lý nền.');
  }
  const platform = await startPlatform(config, { work: true, seed: false });
  platform.log.info('worker started');
  const stop = async () => {
    await platform.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return undefined;
}
