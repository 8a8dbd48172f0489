/** How often views that show others' work refetch on their own (the dashboard, the notification bell): every 15 s, and on window focus. */
export const LIVE_INTERVAL = 15_000;
