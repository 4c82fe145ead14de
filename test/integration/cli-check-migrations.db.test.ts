/**
 * `npm run db:check` (scripts/check-migrations.js): passes when src/**\/schema.ts and migrations/
 * agree, fails with exit 1 and a clear message when they do not. The failing cases use a changed
 * copy of the schema or of the migrations in a temporary folder; the repository is not touched.
 * (In the db project only because it runs drizzle-kit; it needs no database.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli';

const SCRIPT = path.join(REPO_ROOT, 'scripts/check-migrations.js');
const temps: string[] = [];

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-check-'));
  temps.push(dir);
  // so a schema copy outside the repository still finds drizzle-orm
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function check(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('scripts/check-migrations.js', () => {
  it('passes: the committed migrations match the schema', () => {
    const r = check();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Schema khớp migration \(\d+ migration/);
  });

  it('fails when the schema has a table the migrations lack, showing the SQL', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'schema.ts'),
      [
        `export * from '${path.join(REPO_ROOT, 'src/platform/db/schema').split(path.sep).join('/')}';`,
        `import { pgTable, text } from 'drizzle-orm/pg-core';`,
        `export const extraThing = pgTable('extra_thing', { id: text('id').primaryKey() });`,
      ].join('\n'),
    );
    const r = check('--schema', path.join(dir, 'schema.ts'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Schema và migration lệch nhau');
    expect(r.stderr).toContain('CREATE TABLE "extra_thing"');
    expect(r.stderr).toContain('npm run db:generate');
  });

  it('fails when a column was renamed (drizzle-kit would have to ask)', () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO_ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
    const file = path.join(dir, 'src/platform/mail/schema.ts');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain("text('last_error')");
    fs.writeFileSync(file, text.replace("text('last_error')", "text('last_failure')"));
    const r = check('--schema', path.join(dir, 'src/platform/db/schema.ts'), '--timeout', '60');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Schema và migration lệch nhau');
  });

  it('fails when the newest migration is missing', () => {
    const dir = tempDir();
    const migrations = path.join(dir, 'migrations');
    fs.cpSync(path.join(REPO_ROOT, 'migrations'), migrations, { recursive: true });
    const journalFile = path.join(migrations, 'meta/_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
    const last = journal.entries.pop();
    fs.rmSync(path.join(migrations, `${last.tag}.sql`));
    fs.rmSync(path.join(migrations, `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`));
    fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
    const r = check('--migrations', migrations);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Schema và migration lệch nhau');
  });

  it('refuses unknown options', () => {
    const r = check('--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Tham số không hợp lệ');
  });
});
