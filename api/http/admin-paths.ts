/** Where the operators' queue dashboard and its sign-in live. */
export const BOARD_PATH = '/admin/queues';
export const SESSION_PATH = '/admin/session';
export const LOGIN_PATH = '/admin/login';
export const LOGOUT_PATH = '/admin/logout';
