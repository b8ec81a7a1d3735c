// An institution's logo (Plaid's base64 PNG) or, without one, its initial on its brand colour.
import type { StandInInstitution } from "./link-types";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const COLOR = /^#[0-9A-Fa-f]{6}$/;

export function InstitutionMark({
  institution,
  size = "md",
}: {
  institution: Pick<StandInInstitution, "name" | "logo" | "primary_color">;
  size?: "md" | "lg";
}) {
  const box = size === "lg" ? "size-12 text-lg" : "size-9 text-sm";
  if (institution.logo && BASE64.test(institution.logo)) {
    return (
      // biome-ignore lint/performance/noImgElement: a small inline data: URL gains nothing from next/image.
      <img src={`data:image/png;base64,${institution.logo}`} alt="" className={`${box} shrink-0 rounded-lg`} />
    );
  }
  const color =
    institution.primary_color && COLOR.test(institution.primary_color) ? institution.primary_color : undefined;
  return (
    <span
      aria-hidden="true"
      style={{ backgroundColor: color }}
      className={`${box} grid shrink-0 place-items-center rounded-lg bg-slate-500 font-semibold text-white`}
    >
      {institution.name.charAt(0).toUpperCase()}
    </span>
  );
}
