"use client";
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("This page could not be loaded", "Nothing was changed. Try again");
