// /institutions/get_by_id and /institutions/search over the sandbox's institutions. Logo, colour and
// url are Plaid's optional metadata: present only with options.include_optional_metadata.
import type { Institution, InstitutionsGetByIdResponse, InstitutionsSearchResponse, Products } from "plaid";
import { defineEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { findSandboxInstitution, searchSandboxInstitutions, servesCountry } from "../sandbox/index.ts";
import { institutionsGetByIdSchema, institutionsSearchSchema } from "../schemas.ts";

export function presentInstitution(institution: Institution, includeOptionalMetadata: boolean): Institution {
  if (includeOptionalMetadata) return institution;
  return { ...institution, url: null, primary_color: null, logo: null };
}

export const institutionsGetById = defineEndpoint({
  schema: institutionsGetByIdSchema,
  run: async ({ body }): Promise<Omit<InstitutionsGetByIdResponse, "request_id">> => {
    const institution = findSandboxInstitution(body.institution_id);
    if (!institution || !servesCountry(institution, body.country_codes)) {
      throw new EmulatorError("INSTITUTION_NOT_FOUND");
    }
    return { institution: presentInstitution(institution, body.options?.include_optional_metadata ?? false) };
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
