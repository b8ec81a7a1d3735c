// Whether a bank is having trouble, for a Link session that ended in an error: the institution's status
// from /institutions/get_by_id include_status, and the sentence to show when it is not HEALTHY.
import "server-only";
import type { InstitutionStatus } from "@/lib/db/vocabulary";
import { isPlaidError } from "@/lib/plaid/client";
import { getInstitutionStatus } from "@/lib/plaid/item-health";

export type InstitutionTrouble = { status: InstitutionStatus; message: string } | null;

/** Null when the bank is healthy, unknown to Plaid, or Plaid reports no status for it. */
export async function findInstitutionTrouble({
  institutionId,
  institutionName,
}: {
  institutionId: string;
  institutionName: string;
}): Promise<InstitutionTrouble> {
  let status: InstitutionStatus | null;
  try {
    status = await getInstitutionStatus({ institutionId });
  } catch (error) {
    if (!isPlaidError(error)) throw error;
    return null;
  }
  if (!status || status === "HEALTHY") return null;
  return { status, message: troubleMessage({ institutionName, status }) };
}

export function troubleMessage({ institutionName, status }: { institutionName: string; status: InstitutionStatus }) {
  return status === "DOWN"
    ? `${institutionName} is having trouble right now: Plaid cannot reach it. Try again later.`
    : `${institutionName} is having trouble right now, so connecting may fail. Try again later.`;
}
