"use client";
// The admin page failed to load its figures: say so, offer a retry and a reference for the logs.
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("The admin figures could not be loaded");
