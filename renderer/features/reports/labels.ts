/** Names of the groups the reports compare, in words. */
import { useApp } from '../../app/AppContext.tsx';
import { useT, type Messages } from '../../i18n/index.tsx';

const NOT_SET = '(not set)';

/** A scorer's name as shown: sheets saved before anyone was named carry the backend's placeholder (electron/services/sheets.ts). */
export function scorerLabel(name: string, t: Messages): string {
  return name === NOT_SET ? t.reports.unknownScorer : name;
}

/**
 * What the reports call "company": everyone for sales planning, the VP and HR; for a regional
 * manager the backend reports only their region's people, so it says so.
 */
export function useCompanyLabel(): string {
  const t = useT();
  const { info } = useApp();
  return info.user?.chainRole === 'manager' ? t.reports.dashboard.inView : t.reports.dashboard.company;
}
