/** Saves still in flight (e.g. flushed when leaving the sheet editor), so the month grid can wait for them. */
const pending = new Set<Promise<unknown>>();

export function trackSave<T>(promise: Promise<T>): Promise<T> {
  pending.add(promise);
  const done = () => pending.delete(promise);
  promise.then(done, done);
  return promise;
}

export async function settledSaves(): Promise<void> {
  if (pending.size) await Promise.allSettled([...pending]);
}
