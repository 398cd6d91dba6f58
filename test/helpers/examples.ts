/** The input example of docs/spec/score-file.md, exactly as written there. */
export const scoreFileExample = {
  rubric: 'salesperson',
  period: '2026-10',
  person: { id: 'S-0042', name: '王磊' },
  absences: [
    { date: '2026-10-09', length: 'full' },
    { date: '2026-10-20', length: 'half' },
  ],
  items: {
    'dealer.rebate-forms': { violated: true, note: '返利表 10/27 才交' },
    'ad-plan': { occurrences: 1 },
    'weekly-report.key-accounts': { occurrences: 1 },
    'weekly-report.visit-records': { points: 8 },
    vehicle: { violated: false },
  },
};
