import { defineConfig } from "vitest/config";
import { emulatorProjects } from "./vitest.projects.ts";

export default defineConfig({ test: { projects: emulatorProjects } });
