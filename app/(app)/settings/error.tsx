"use client";
import { errorBoundary } from "@/components/error-state";

export default errorBoundary("Your settings could not be loaded", "Nothing was changed. Try again");
