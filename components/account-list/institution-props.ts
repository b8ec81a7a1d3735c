// What a bank's group on the accounts page, and each part of it (the access notice), is drawn from.
import type { ConnectionActionSet } from "@/components/connections/actions";
import type { DashboardInstitution } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";
import type { LinkEnvironment } from "@/lib/plaid/link-environment";

export type InstitutionGroupProps = {
  institution: DashboardInstitution;
  display: Display;
  /** How Reconnect, Renew and Add accounts open Link (Plaid's, or the emulator's stand-in). */
  linkEnvironment: LinkEnvironment;
  actions: ConnectionActionSet;
};
