/**
 * Addresses as they appear on a timeline and in an action's result: enough to
 * tell which of a customer's addresses was used, not enough to harvest them
 * (HQ reads its stores' timelines, and customer-visible entries may be shown
 * to whoever asks about the ticket).
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  const plus = phone.startsWith('+') ? '+' : '';
  if (digits.length <= 4) return `${plus}${'*'.repeat(digits.length)}`;
  const keepStart = digits.length >= 11 ? 3 : 1;
  return `${plus}${digits.slice(0, keepStart)}${'*'.repeat(digits.length - keepStart - 4)}${digits.slice(-4)}`;
}
