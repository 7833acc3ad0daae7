/** Solid tag colours dark enough for white text to meet WCAG AA contrast. */
export const GOOD = '#237804';
export const WARNING = '#ad4e00';
export const BAD = '#a8071a';
export const INFO = '#003eb3';
