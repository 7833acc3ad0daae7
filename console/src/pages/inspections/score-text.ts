/** The store's total in percent, to one decimal; a dash until the inspection is submitted. */
export function scoreText(percent: number | null | undefined, language: string): string {
  if (percent === null || percent === undefined) return '—';
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(percent)}%`;
}
