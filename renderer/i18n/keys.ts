/**
 * The words of scoring at keyboard speed: the sheet's shortcuts (save and next, mark ready, go to
 * an item) and the team entry view. zh is typed by en: a missing or extra key fails the type check.
 * Joined into the dictionaries as `keys`.
 */
export const keysEn = {
  // The sheet
  saveTip: 'Save (Ctrl+S)',
  readyTip: 'Mark ready (Ctrl+Shift+Enter)',
  next: 'Save and next',
  nextTip: 'Save and open the next person of the list (Ctrl+Enter)',
  goToTitle: 'Go to an item',
  goToLabel: 'Code or words of its title',
  goToHelp: '↑/↓ choose · Enter go · Esc close',
  goToNone: 'No item matches.',
  // The team entry view
  viewList: 'List',
  viewTeam: 'Team entry',
  viewTip: 'Switch between the list and the team entry view (Ctrl+E)',
  role: 'Rubric',
  columns: 'Columns…',
  columnsTitle: 'Columns of the team entry view',
  columnsHelp: 'The items shown as columns for this rubric; remembered on this computer.',
  columnsReset: 'Default columns',
  absences: 'Absences',
  total: 'Monthly',
  daily: 'Daily',
  markReady: (n: number) => (n ? `Mark ${n} ready` : 'Mark ready'),
  markReadyTip: 'Mark the selected people’s sheets ready (Ctrl+Shift+Enter; Ctrl+A selects all)',
  teamHint: 'Enter edits a cell · Shift+Enter opens the full sheet · Shift+Space selects (Ctrl+A all) · Ctrl+Shift+Enter marks the selected ready',
  loadingSheets: (done: number, total: number) => `Loading sheets ${done} / ${total}…`,
  markedReady: (n: number) => `${n} sheet(s) marked ready.`,
  skipped: (names: string) => `Not marked (signed or with a value to fix; open the sheet): ${names}`,
  saved: (name: string) => `${name}: saved`,
  invalidCell: (name: string) => `${name}: the value was not taken; open the sheet to see the rule.`,
};

export type KeysMessages = typeof keysEn;

export const keysZh: KeysMessages = {
  saveTip: '保存(Ctrl+S)',
  readyTip: '标记为已完成(Ctrl+Shift+Enter)',
  next: '保存并下一位',
  nextTip: '保存,并打开列表中的下一位(Ctrl+Enter)',
  goToTitle: '转到考核项',
  goToLabel: '考核项代码或名称中的字',
  goToHelp: '↑/↓ 选择 · Enter 转到 · Esc 关闭',
  goToNone: '没有匹配的考核项。',
  viewList: '列表',
  viewTeam: '团队录入',
  viewTip: '在列表和团队录入之间切换(Ctrl+E)',
  role: '考核表',
  columns: '列…',
  columnsTitle: '团队录入的列',
  columnsHelp: '此考核表作为列显示的考核项;在本机记住。',
  columnsReset: '默认列',
  absences: '缺勤',
  total: '月度',
  daily: '日常',
  markReady: (n: number) => (n ? `将 ${n} 份标记为已完成` : '标记为已完成'),
  markReadyTip: '将选中人员的考核表标记为已完成(Ctrl+Shift+Enter;Ctrl+A 全选)',
  teamHint: 'Enter 编辑单元格 · Shift+Enter 打开完整考核表 · Shift+空格 选择(Ctrl+A 全选) · Ctrl+Shift+Enter 将选中的标记为已完成',
  loadingSheets: (done: number, total: number) => `正在载入考核表 ${done} / ${total}…`,
  markedReady: (n: number) => `已将 ${n} 份考核表标记为已完成。`,
  skipped: (names: string) => `未标记(已签名或有待更正的值,请打开考核表):${names}`,
  saved: (name: string) => `${name}:已保存`,
  invalidCell: (name: string) => `${name}:此值未被接受;请打开考核表查看规则。`,
};
