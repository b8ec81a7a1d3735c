// What other capabilities use of display formatting: a person's display settings (their locale).
export { type DisplaySettings, getDisplaySettings } from "./display";
