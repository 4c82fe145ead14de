/**
 * The web process's memory budget. Left to itself V8 lets the old generation grow to several times
 * the live data before a full collection (a server holding ~100 MB of live objects climbed past
 * 450 MB of RSS under load and fell back to 240 MB after each collection); a fixed old-space limit
 * makes it collect sooner at a small cost in latency. The flag must be given to `node` itself
 * (`npm start` does; see docs/SCALING.md for process managers), so `serve` only warns without it.
 */
import v8 from 'node:v8';

export const SERVER_HEAP_MB = 288;
export const SERVER_NODE_FLAGS: readonly string[] = [`--max-old-space-size=${SERVER_HEAP_MB}`];

/** The old-space limit this process runs with, in MB. */
export function heapLimitMb(): number {
  return Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024);
}

/** True when the process was started without the budget (the default limit is far larger). */
export function runsWithoutMemoryBudget(): boolean {
  // heap_size_limit includes the young generation, so allow some room above the old-space figure
  return heapLimitMb() > SERVER_HEAP_MB * 2;
}
