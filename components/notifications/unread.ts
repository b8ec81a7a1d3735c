// The bell's words: its accessible name says the exact count; the badge shows at most "99+".

export function unreadLabel(count: number): string {
  return `Notifications, ${count} unread`;
}

/** null: no badge at all (nothing unread). */
export function unreadBadge(count: number): string | null {
  if (count <= 0) return null;
  return count > 99 ? "99+" : String(count);
}
