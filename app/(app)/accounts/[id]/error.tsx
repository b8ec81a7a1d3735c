"use client";
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("This account could not be loaded");
