"use client";
// Plaid's own Link (react-plaid-link), opened as soon as its script is ready. Mounted only when real
// Plaid is configured and a link token is in hand, so the emulated app never loads Plaid's script.
import { useEffect, useRef } from "react";
import { usePlaidLink } from "react-plaid-link";
import type { LinkOnExit, LinkOnSuccess } from "./link-types";

export function PlaidLinkLauncher({
  token,
  onSuccess,
  onExit,
  onLoadError,
}: {
  token: string;
  onSuccess: LinkOnSuccess;
  onExit: LinkOnExit;
  onLoadError: () => void;
}) {
  const { open, ready, error } = usePlaidLink({
    token,
    onSuccess: (publicToken, metadata) => {
      if (publicToken) onSuccess(publicToken, metadata);
    },
    onExit,
  });
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
