// The shapes Link hands to its callbacks, shared by the real Link (react-plaid-link) and the stand-in, so
// the Link button cannot tell them apart.
import type { PlaidLinkError, PlaidLinkOnExitMetadata, PlaidLinkOnSuccessMetadata } from "react-plaid-link";

export type { PlaidLinkError, PlaidLinkOnExitMetadata } from "react-plaid-link";

/** Link's onSuccess metadata; the stand-in also repeats the public token in it, as Plaid's docs show. */
export type LinkSuccessMetadata = PlaidLinkOnSuccessMetadata & { public_token?: string };

export type LinkOnSuccess = (publicToken: string, metadata: LinkSuccessMetadata) => void;
export type LinkOnExit = (error: PlaidLinkError | null, metadata: PlaidLinkOnExitMetadata) => void;

// Decided on the server (a type only: nothing of the server module reaches the browser).
export type { LinkEnvironment } from "@/lib/plaid/link-environment";

/** An institution as the stand-in's endpoints describe it (logo: raw base64 PNG). */
export type StandInInstitution = {
  institution_id: string;
  name: string;
  /** The bank signs people in on its own site (OAuth) rather than taking credentials in Link. */
  oauth: boolean;
  logo: string | null;
  primary_color: string | null;
  url: string | null;
};
