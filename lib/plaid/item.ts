// Plaid calls about one item that linking and unlinking share: the institution's look (name, logo,
// colour, url) and removing the item at Plaid.
import "server-only";
import { log } from "@/lib/log";
import { callPlaid, isPlaidError } from "./client";
import { getPlaidConfig } from "./config";

export type InstitutionDetails = {
  name: string;
  /** Raw base64 PNG, as Plaid sends it; components/accounts/institution-group.tsx makes the data: URL. */
  logo: string | null;
  /** #RRGGBB, the only form the column's CHECK constraint accepts. */
  primaryColor: string | null;
  url: string | null;
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const COLOR = /^#[0-9A-Fa-f]{6}$/;

/**
 * The institution's name and branding. Branding is cosmetic: when Plaid cannot answer, linking goes on
 * with the name Link reported and no logo rather than failing the whole link.
 */
export async function getInstitutionDetails({
  institutionId,
  fallbackName,
}: {
  institutionId: string;
  fallbackName: string | null;
}): Promise<InstitutionDetails> {
  try {
    const { institution } = await callPlaid({ endpoint: "/institutions/get_by_id" }, (api) =>
      api.institutionsGetById({
        institution_id: institutionId,
        country_codes: getPlaidConfig().countryCodes,
        options: { include_optional_metadata: true },
      }),
    );
    return {
      name: institution.name,
      logo: institution.logo && BASE64.test(institution.logo) ? institution.logo : null,
      primaryColor:
        institution.primary_color && COLOR.test(institution.primary_color) ? institution.primary_color : null,
      url: institution.url ?? null,
    };
  } catch (error) {
    if (!isPlaidError(error)) throw error;
    log.warn({ institutionId, errorCode: error.plaid.error_code }, "plaid: no details for the institution");
    return { name: fallbackName ?? institutionId, logo: null, primaryColor: null, url: null };
  }
}

// Plaid's answers when the item is already gone: removing it again has nothing left to do.
const ALREADY_GONE = new Set(["ITEM_NOT_FOUND", "INVALID_ACCESS_TOKEN"]);

/** Removes the item at Plaid; "already gone" counts as removed. Any other failure is thrown. */
export async function removeItem({
  accessToken,
  connectionId,
}: {
  accessToken: string;
  connectionId?: string;
}): Promise<"removed" | "already_gone"> {
  try {
    await callPlaid({ endpoint: "/item/remove", connectionId }, (api) => api.itemRemove({ access_token: accessToken }));
    return "removed";
  } catch (error) {
    if (isPlaidError(error) && ALREADY_GONE.has(error.plaid.error_code)) return "already_gone";
    throw error;
  }
}
