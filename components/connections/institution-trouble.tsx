"use client";
// After Link exits with an error, asks the server whether the bank itself is having trouble and shows
// "<Bank> is having trouble right now" beside Link's own message. Nothing shows for a healthy bank.
import { useCallback, useState } from "react";
import { formOf } from "@/components/form-action";
import type { LinkActions } from "./actions";
import type { PlaidLinkError, PlaidLinkOnExitMetadata } from "./link-types";

export function useInstitutionTrouble(action: LinkActions["institutionTrouble"]) {
  const [trouble, setTrouble] = useState("");
  const check = useCallback(
    async (error: PlaidLinkError | null, metadata: PlaidLinkOnExitMetadata) => {
      setTrouble("");
      const institution = metadata.institution;
      if (!error || !institution || !action) return;
      const result = await action(
        {},
        formOf({ institutionId: institution.institution_id, institutionName: institution.name }),
      ).catch(() => null);
      setTrouble(result?.ok && result.data ? result.data.message : "");
    },
    [action],
  );
  return { trouble, check };
}

export function InstitutionTroubleNotice({ message }: { message: string }) {
  return message ? <p data-testid="institution-trouble">{message}</p> : null;
}
