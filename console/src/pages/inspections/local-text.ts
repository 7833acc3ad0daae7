/** HQ writes each checklist's words in both languages: the one the console shows. */
export function localText(language: string, zhCn: string, en: string): string {
  return language === 'en' ? en : zhCn;
}
