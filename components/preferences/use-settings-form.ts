"use client";
// State shared by the settings forms: controlled field values, the server action's answer, and
// "Saved." only until the next change. Submitting by hand keeps React from resetting the fields.

import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { FormAction } from "@/components/form-action";

export type FormValues = Record<string, string>;

export function useSettingsForm(action: FormAction, initial: FormValues) {
  const [state, formAction, pending] = useActionState(action, {});
  const [values, setValues] = useState(initial);
  const [dirty, setDirty] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // After a refused save, take the keyboard to the first field that needs attention.
  useEffect(() => {
    if (!state.errors) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  function set(name: string, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    setDirty(true);
  }

  function setMany(next: FormValues) {
    setValues((current) => ({ ...current, ...next }));
    setDirty(true);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setDirty(false);
    startTransition(() => formAction(data));
  }

  return {
    formRef,
    onSubmit,
    pending,
    values,
    set,
    setMany,
    errors: (name: string) => state.errors?.[name],
    message: state.ok ? undefined : state.message,
    saved: Boolean(state.ok) && !dirty && !pending,
  };
}

export type SettingsForm = ReturnType<typeof useSettingsForm>;
