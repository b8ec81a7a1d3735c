"use client";
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("Something went wrong", "This page could not be loaded. Try again");
