/** The words the manager's pages use: their own, the enums' and the error codes'; loaded before a page shows. */
export const MANAGE_NAMESPACES = ['manage', 'enums', 'errors', 'common'];
