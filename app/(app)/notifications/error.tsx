"use client";
// Shown when the inbox cannot load; the reference lets support find the logged error.
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("Your notifications could not be loaded", "Nothing was changed. Try again in a moment");
