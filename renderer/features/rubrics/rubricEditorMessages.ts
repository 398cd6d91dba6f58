/** The rubricEditor strings in both languages (zh typed by en: a missing or extra key fails typecheck). Joined into the dictionaries in renderer/i18n. */
export const rubricEditorEn = {
  title: 'rubricEditor',
};

export const rubricEditorZh: typeof rubricEditorEn = {
  title: 'rubricEditor',
};
