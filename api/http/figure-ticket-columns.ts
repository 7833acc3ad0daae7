/** The ticket a drill-down row is about, as every figures export shows it after the row's own keys. */
export const FIGURE_TICKET_COLUMNS = ['number', 'storeSlug', 'storeName', 'type', 'status', 'priority', 'channel'] as const;
