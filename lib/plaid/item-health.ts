// Plaid's view of one item's health and of its bank's: /item/get (consent expiry, the bank's last
// successful update of transactions, the item's error) and /institutions/get_by_id with
// include_status. Only the facts the app stores leave here; the raw answers stay in this module.
import "server-only";
import { CountryCode, type ProductStatus } from "plaid";
import type { InstitutionStatus } from "@/lib/db/vocabulary";
import { callPlaid } from "./client";

export type ItemHealth = {
  consentExpiresAt: Date | null;
  /** When the bank last gave Plaid the item's transactions; null when Plaid has not said. */
  lastSuccessfulUpdate: Date | null;
  /** The item's error code (ITEM_LOGIN_REQUIRED...), or null when it is healthy. */
  errorCode: string | null;
  webhookUrl: string | null;
};

const toDate = (value: string | null | undefined) => (value ? new Date(value) : null);

export async function getItemHealth({
  accessToken,
  connectionId,
}: {
  accessToken: string;
  connectionId: string;
}): Promise<ItemHealth> {
  const { item, status } = await callPlaid({ endpoint: "/item/get", connectionId }, (api) =>
    api.itemGet({ access_token: accessToken }),
  );
  return {
    consentExpiresAt: toDate(item.consent_expiration_time),
    lastSuccessfulUpdate: toDate(status?.transactions?.last_successful_update),
    errorCode: item.error?.error_code ?? null,
    webhookUrl: item.webhook ?? null,
  };
}

const SEVERITY: Record<InstitutionStatus, number> = { HEALTHY: 0, DEGRADED: 1, DOWN: 2 };

/**
 * The institution's status for what Mingus uses (logins and transaction updates): the worse of the
 * two, or null when Plaid reports none (Plaid's sandbox never does, nor does it for a quiet bank).
 */
export async function getInstitutionStatus({
  institutionId,
  connectionId,
}: {
  institutionId: string;
  connectionId?: string;
}): Promise<InstitutionStatus | null> {
  const { institution } = await callPlaid({ endpoint: "/institutions/get_by_id", connectionId }, (api) =>
    api.institutionsGetById({
      institution_id: institutionId,
      country_codes: [CountryCode.Us],
      options: { include_status: true },
    }),
  );
  return worstStatus([institution.status?.item_logins, institution.status?.transactions_updates]);
}

export function worstStatus(products: (ProductStatus | null | undefined)[]): InstitutionStatus | null {
  const known = products.flatMap((product) =>
    product && product.status in SEVERITY ? [product.status as InstitutionStatus] : [],
  );
  if (known.length === 0) return null;
  return known.reduce((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst));
}
