// Every state of the account page lives in its URL (range, search, page), so a view can be shared,
// bookmarked and reached without JavaScript. These build those URLs.

export type AccountPageState = {
  range?: string;
  q?: string;
  after?: string;
  before?: string;
  syncs?: string;
};

/** The account page with this state; defaults and empty values are left out to keep URLs short. */
export function accountPageHref(accountId: string, state: AccountPageState, hash?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return `/accounts/${accountId}${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
}
