/** The figures strings in both languages (zh typed by en: a missing or extra key fails typecheck). Joined into the dictionaries in renderer/i18n. */
export const figuresEn = {
  title: 'figures',
};

export const figuresZh: typeof figuresEn = {
  title: 'figures',
};
