// /institutions/get_by_id and /institutions/search over the sandbox's institutions. Logo, colour and
// url are Plaid's optional metadata: present only with options.include_optional_metadata.
import type { Institution, InstitutionsGetByIdResponse, InstitutionsSearchResponse, Products } from "plaid";
import { defineEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { institutionStatus } from "../institution-status.ts";
import { findSandboxInstitution, searchSandboxInstitutions, servesCountry } from "../sandbox/index.ts";
import { institutionsGetByIdSchema, institutionsSearchSchema } from "../schemas.ts";

export function presentInstitution(institution: Institution, includeOptionalMetadata: boolean): Institution {
  if (includeOptionalMetadata) return institution;
  return { ...institution, url: null, primary_color: null, logo: null };
}

// An institution never set otherwise has been healthy for a month, as far as anyone can tell.
const HEALTHY_SINCE_MS = 30 * 24 * 60 * 60 * 1000;

export const institutionsGetById = defineEndpoint({
  schema: institutionsGetByIdSchema,
  run: async ({ body, ctx }): Promise<Omit<InstitutionsGetByIdResponse, "request_id">> => {
    const institution = findSandboxInstitution(body.institution_id);
    if (!institution || !servesCountry(institution, body.country_codes)) {
      throw new EmulatorError("INSTITUTION_NOT_FOUND");
    }
    const presented = presentInstitution(institution, body.options?.include_optional_metadata ?? false);
    if (!body.options?.include_status) return { institution: presented };
    const since = new Date(ctx.now.getTime() - HEALTHY_SINCE_MS);
    const status = await institutionStatus(ctx.store, { institutionId: institution.institution_id, since });
    return { institution: { ...presented, status } };
  },
});

export const institutionsSearch = defineEndpoint({
  schema: institutionsSearchSchema,
  run: async ({ body }): Promise<Omit<InstitutionsSearchResponse, "request_id">> => {
    const wanted: Products[] = body.products ?? [];
    const institutions = searchSandboxInstitutions(body.query, body.country_codes)
      .filter((institution) => wanted.every((product) => institution.products.includes(product)))
      .map((institution) => presentInstitution(institution, body.options?.include_optional_metadata ?? false));
    return { institutions };
  },
});
