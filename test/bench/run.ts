/** Benchmark runner entry (`npm run bench`); suites are added by the performance issue. */
import type { Config } from '../../src/config';

export async function runBenchmarks(_config: Config, _args: string[]): Promise<number> {
  process.stdout.write('Chưa có bộ đo hiệu năng nào (xem issue về hiệu năng).\n');
  return 0;
}
