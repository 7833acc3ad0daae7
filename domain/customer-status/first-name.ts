import { Locale } from '../../core/enums';

/**
 * What the customer's page says of a colleague: the given name, never the
 * family name. Staff names are one text field, so the family name is found
 * by the naming order: a name in Chinese characters starts with it (one
 * character, or two for the compound family names below), a romanised name
 * at a Chinese-speaking store does too ("Zhao Lei": Lei), and at an
 * English-speaking store the given name comes first ("Mary Jones": Mary).
 * Whatever is in brackets (a role, a department) is dropped. A name that
 * cannot be split without showing the family name gives no name at all.
 */
const COMPOUND_FAMILY_NAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '澹台',
  '申屠',
  '太史',
];

export function firstNameOf(fullName: string, storeLocale: Locale): string | null {
  const name = fullName
    .replace(/\([^)]*\)|（[^）]*）/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) return null;
  if (/^\p{Script=Han}+$/u.test(name)) {
    const family = COMPOUND_FAMILY_NAMES.find((candidate) => name.startsWith(candidate)) ?? name[0];
    return name.slice(family.length) || null;
  }
  const words = name.split(' ');
  if (storeLocale === Locale.EN) return words[0];
  return words.length > 1 ? words.slice(1).join(' ') : null;
}
