import type { ThemeConfig } from 'antd';

/**
 * Ant Design's look with text dark enough to read: its default secondary and
 * hint greys fall below the 4.5:1 contrast that WCAG AA asks of body text
 * (the accessibility checks of the browser tests hold every page to it).
 */
const THEME: ThemeConfig = {
  token: {
    motion: true,
    colorPrimary: '#1f5fbf',
    colorLink: '#1f5fbf',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

/** The same look without animations, for people whose system asks for reduced motion. */
const STILL_THEME: ThemeConfig = { ...THEME, token: { ...THEME.token, motion: false } };

export const themeFor = (reducedMotion: boolean): ThemeConfig => (reducedMotion ? STILL_THEME : THEME);
