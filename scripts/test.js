#!/usr/bin/env node
// `npm test`: type check, then every test project (unit, DB-backed, browser). Extra arguments go
// to vitest (e.g. `npm test -- --project unit`). Browser tests skip themselves, with the reason,
// when no Chromium is found.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

process.stdout.write('▶ Kiểm tra kiểu (tsc --noEmit)\n');
const tsc = run(npx, ['tsc', '--noEmit']);
if (tsc.status !== 0) {
  process.stderr.write('Kiểm tra kiểu thất bại.\n');
  process.exit(tsc.status ?? 1);
}
const vitest = run(npx, ['vitest', 'run', ...process.argv.slice(2)]);
process.exit(vitest.status ?? 1);
