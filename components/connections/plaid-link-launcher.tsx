"use client";
// Plaid's own Link (react-plaid-link), opened as soon as its script is ready. Mounted only when real
// Plaid is configured and a link token is in hand, so the emulated app never loads Plaid's script. On
// the OAuth return page it is reopened with the same token and the bank's redirect (receivedRedirectUri).
import { useEffect, useRef } from "react";
import { type PlaidLinkOptions, usePlaidLink } from "react-plaid-link";
import type { LinkOnExit, LinkOnSuccess } from "./link-types";

export function PlaidLinkLauncher({
  token,
  receivedRedirectUri,
  onSuccess,
  onExit,
  onLoadError,
}: {
  token: string;
  /** The full URL the bank sent the person back to, oauth_state_id included. */
  receivedRedirectUri?: string;
  onSuccess: LinkOnSuccess;
  onExit: LinkOnExit;
  onLoadError: () => void;
}) {
  const options: PlaidLinkOptions = {
    token,
    onSuccess: (publicToken, metadata) => {
      if (publicToken) onSuccess(publicToken, metadata);
    },
    onExit,
    ...(receivedRedirectUri ? { receivedRedirectUri } : {}),
  };
  const { open, ready, error } = usePlaidLink(options);
  const opened = useRef(false);

  useEffect(() => {
    if (!ready || opened.current) return;
    opened.current = true;
    open();
  }, [ready, open]);

  useEffect(() => {
    if (error) onLoadError();
  }, [error, onLoadError]);

  return null;
}
