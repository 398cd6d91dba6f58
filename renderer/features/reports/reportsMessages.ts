/** The reports strings in both languages (zh typed by en: a missing or extra key fails typecheck). Joined into the dictionaries in renderer/i18n. */
export const reportsEn = {
  title: 'reports',
};

export const reportsZh: typeof reportsEn = {
  title: 'reports',
};
