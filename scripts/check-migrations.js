#!/usr/bin/env node
// `npm run db:check`: fails when the Drizzle schema (src/**/schema.ts, gathered by
// src/platform/db/schema.ts) and the committed SQL in migrations/ disagree.
//
// How: copy migrations/ to a temporary folder, run `drizzle-kit generate` there with a throw-away
// config whose `out` is that copy, and see whether it wrote anything. The repository is never
// touched. drizzle-kit exits 0 even on some errors and asks interactively when it suspects a
// rename, so the script also watches its output, closes its stdin and gives it a time limit.
//
// Options (for checking other folders, e.g. to test this script):
//   --schema <file>        schema entry (default: the `schema` of drizzle.config.ts)
//   --migrations <dir>     committed migrations (default: migrations/)
//   --timeout <seconds>    time limit for drizzle-kit (default 120)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function configuredSchema() {
  // drizzle.config.ts is TypeScript; read the one value we need instead of loading it.
  try {
    const text = fs.readFileSync(path.join(root, 'drizzle.config.ts'), 'utf8');
    const m = /schema:\s*['"]([^'"]+)['"]/.exec(text);
    if (m) return path.resolve(root, m[1]);
  } catch {}
  return path.join(root, 'src/platform/db/schema.ts');
}

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      timeout: { type: 'string' },
    },
    strict: true,
  }).values;
} catch (err) {
  fail(`Tham số không hợp lệ: ${err.message}\nCách dùng: node scripts/check-migrations.js [--schema tệp] [--migrations thư-mục] [--timeout giây]`, 2);
}

const schemaFile = path.resolve(args.schema ?? configuredSchema());
const migrationsDir = path.resolve(args.migrations ?? path.join(root, 'migrations'));
const timeoutMs = Math.max(5, Number(args.timeout ?? 120)) * 1000;
const drizzleKit = path.join(root, 'node_modules/drizzle-kit/bin.cjs');

if (!fs.existsSync(schemaFile)) fail(`Không thấy tệp schema ${schemaFile}.`, 2);
if (!fs.existsSync(path.join(migrationsDir, 'meta/_journal.json'))) fail(`Không thấy ${path.join(migrationsDir, 'meta/_journal.json')}.`, 2);
if (!fs.existsSync(drizzleKit)) fail('Không thấy drizzle-kit trong node_modules: chạy `npm ci` trước.', 2);

/** Every file under dir, relative, with its content (to spot new and changed files). */
function snapshot(dir) {
  const files = new Map();
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-db-check-'));
const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
process.on('exit', cleanup);

const out = path.join(work, 'migrations');
fs.cpSync(migrationsDir, out, { recursive: true });
const before = snapshot(out);

// drizzle-kit prefixes `out` with './', so both paths are given relative to its working directory.
const config = {
  dialect: 'postgresql',
  schema: path.relative(work, schemaFile).split(path.sep).join('/'),
  out: './migrations',
};
fs.writeFileSync(path.join(work, 'drizzle.config.json'), JSON.stringify(config, null, 2));

const result = await new Promise((resolve) => {
  const child = spawn(process.execPath, [drizzleKit, 'generate', '--config', 'drizzle.config.json'], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (b) => {
    output += b;
  });
  child.stderr.on('data', (b) => {
    output += b;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  child.on('error', (err) => {
    clearTimeout(timer);
    resolve({ code: null, output: `${output}\n${err.message}`, timedOut });
  });
  child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, output, timedOut });
  });
});

const after = snapshot(out);
const added = [...after.keys()].filter((f) => !before.has(f));
const changed = [...after.keys()].filter((f) => before.has(f) && !before.get(f).equals(after.get(f)));
const newSql = added.filter((f) => f.endsWith('.sql'));
const rel = (p) => path.relative(process.cwd(), p) || '.';

if (newSql.length > 0) {
  const lines = [
    `Schema và migration lệch nhau: drizzle-kit sinh thêm ${newSql.length} migration so với ${rel(migrationsDir)}/:`,
    '',
  ];
  for (const f of newSql) {
    lines.push(`--- ${f}`);
    lines.push(after.get(f).toString('utf8').trim().split('\n').slice(0, 40).join('\n'));
    lines.push('');
  }
  lines.push('Chạy `npm run db:generate -- --name <nội-dung-thay-đổi>` rồi commit các tệp trong migrations/.');
  fail(lines.join('\n'));
}

// A suspected rename makes drizzle-kit ask; without a terminal it prints an error instead (and
// may still exit 0). Either way the schema has changes the committed SQL does not have.
const prompted = /Interactive prompts require a TTY|prompt\w*Conflicts?|created or renamed/i.test(result.output);
if (prompted) {
  fail(
    [
      'Schema và migration lệch nhau: drizzle-kit cần hỏi (bảng/cột mới hay đổi tên?), nên không sinh migration tự động được.',
      'Chạy `npm run db:generate -- --name <nội-dung-thay-đổi>` trong terminal, trả lời câu hỏi, rồi commit migrations/.',
      '',
      result.output.trim().split('\n').slice(-20).join('\n'),
    ].join('\n'),
  );
}

if (result.timedOut) {
  fail(`drizzle-kit không trả lời sau ${timeoutMs / 1000} giây; chưa kiểm tra được.\n${result.output.trim()}`, 2);
}
if (result.code !== 0 || /\bError\b/.test(result.output) || !/No schema changes/i.test(result.output)) {
  // drizzle-kit sometimes exits 0 after printing an error: only its "no changes" line counts as a pass.
  fail(`Không kiểm tra được migration (drizzle-kit thoát với mã ${result.code}):\n${result.output.trim()}`, 2);
}
if (added.length > 0 || changed.length > 0) {
  fail(`drizzle-kit đã sửa ${[...added, ...changed].join(', ')} dù không sinh migration mới; kiểm tra lại migrations/meta.`);
}

const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta/_journal.json'), 'utf8'));
process.stdout.write(`Schema khớp migration (${journal.entries.length} migration trong ${rel(migrationsDir)}/).\n`);
