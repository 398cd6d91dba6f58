/**
 * A month's export runs in the backend as a job (sheets.exportMonth → jobs.get). The job id is
 * kept for this tab per month, so closing the dialog, leaving the screen or reloading the page
 * does not lose the job: opening the dialog again shows its progress or its result.
 */
const key = (period: string) => `scorecard.exportJob.${period}`;

export function rememberedJob(period: string): string | null {
  try {
    return sessionStorage.getItem(key(period));
  } catch {
    return null;
  }
}

export function rememberJob(period: string, jobId: string): void {
  try {
    sessionStorage.setItem(key(period), jobId);
  } catch {
    // Private mode without storage: the job is kept while the dialog stays mounted.
  }
}

export function forgetJob(period: string): void {
  try {
    sessionStorage.removeItem(key(period));
  } catch {
    // nothing kept
  }
}
