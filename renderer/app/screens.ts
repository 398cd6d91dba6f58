/** The screens, each in its own lazily loaded chunk (the DataGrid ones are the heavy part). */
import { lazy } from 'react';

export const loadMonthScreen = () => import('../features/scoring/MonthScreen.tsx');
export const MonthScreen = lazy(loadMonthScreen);
export const SheetScreen = lazy(() => import('../features/scoring/SheetScreen.tsx'));
export const RosterScreen = lazy(() => import('../features/roster/RosterScreen.tsx'));
export const RubricsScreen = lazy(() => import('../features/rubrics/RubricsScreen.tsx'));
export const ApprovalsScreen = lazy(() => import('../features/approvals/ApprovalsScreen.tsx'));
export const SignaturesScreen = lazy(() => import('../features/signing/SignaturesScreen.tsx'));
export const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen.tsx'));
