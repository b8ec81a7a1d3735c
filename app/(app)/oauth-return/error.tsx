"use client";
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("Your bank sign-in could not be finished", "Nothing was linked. Try again");
