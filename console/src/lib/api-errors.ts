import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';

/**
 * What went wrong, in the user's language. Expected failures come back as a
 * mutation's `userErrors { field code message }`: each is shown next to the
 * field it names (or above the form), worded by its code from the `errors`
 * namespace. Other failures carry `extensions.code` (STALE, PAYMENT_REQUIRED,
 * PLAN_LIMIT...) and are worded from `common:errors`. A network failure
 * leaves the form as it was, so nothing typed is lost.
 */
export interface UserError {
  field?: readonly string[] | null;
  code: string;
  message: string;
}

export function userErrorText(t: TFunction, error: UserError): string {
  return t(`errors:${error.code}`, { defaultValue: error.message });
}

/**
 * Puts each user error on its form field (by the last part of its path that
 * names a field of the form); returns those that belong to no field, for an
 * alert above the form.
 */
export function showUserErrors(
  form: FormInstance,
  t: TFunction,
  errors: readonly UserError[],
  fieldOf: (path: readonly string[]) => string | null = defaultFieldOf,
): UserError[] {
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const unplaced: UserError[] = [];
  const byField = new Map<string, string[]>();
  for (const error of errors) {
    const field = error.field ? fieldOf(error.field) : null;
    if (field && known.has(field)) byField.set(field, [...(byField.get(field) ?? []), userErrorText(t, error)]);
    else unplaced.push(error);
  }
  form.setFields([...byField].map(([name, messages]) => ({ name, errors: messages })));
  return unplaced;
}

function defaultFieldOf(path: readonly string[]): string | null {
  return [...path].reverse().find((part) => !/^\d+$/.test(part) && part !== 'input') ?? null;
}

export interface ProblemText {
  code: string;
  text: string;
}

/** A failed call (not a userError) as a sentence, with its code for pages that act on it (STALE offers to reload). */
export function problemOf(t: TFunction, error: unknown): ProblemText {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = (first?.extensions ?? {}) as { code?: string; requiredPlans?: string[]; retryAfterMs?: number; requestId?: string };
    const code = extensions.code ?? 'INTERNAL_SERVER_ERROR';
    const text = t(`common:errors.${code}`, {
      defaultValue: first?.message ?? t('common:errors.unexpected', { requestId: extensions.requestId ?? '-' }),
      plans: (extensions.requiredPlans ?? []).join(', '),
      seconds: Math.ceil((extensions.retryAfterMs ?? 1000) / 1000),
      requestId: extensions.requestId ?? '-',
    });
    return { code, text };
  }
  return { code: 'NETWORK', text: t('common:errors.network') };
}
