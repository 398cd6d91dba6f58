/** Small helpers shared by the benchmark's measurements. */

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds since `start` (performance.now()). */
export const since = (start: number): number => performance.now() - start;

/** Progress goes to standard error; the table alone goes to standard output. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Let timers and I/O run (between a measurement's runs). */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
