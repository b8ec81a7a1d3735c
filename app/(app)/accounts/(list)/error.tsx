"use client";
// Shown when the dashboard cannot load (the database is down, say); the reference lets support find
// the logged error without showing its internals here.
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("Your accounts could not be loaded", "Try again in a moment");
