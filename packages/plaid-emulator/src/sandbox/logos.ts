// Institution logos drawn in code: each sandbox bank's namesake pattern (gingham, tattersall, tartan,
// houndstooth; a platypus-pond emblem for First Platypus) in its brand colour, as Plaid's base64 PNGs.
import { encodePng } from "./png.ts";

export type LogoPattern = "platypus" | "gingham" | "tattersall" | "tartan" | "houndstooth";

type Rgb = readonly [number, number, number];

const SIZE = 64;
const CORNER_RADIUS = 12;
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

function parseHex(color: string): Rgb {
  const value = Number.parseInt(color.replace(/^#/, ""), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function mix(a: Rgb, b: Rgb, weightOfB: number): Rgb {
  return [0, 1, 2].map((i) => Math.round((a[i] as number) * (1 - weightOfB) + (b[i] as number) * weightOfB)) as [
    number,
    number,
    number,
  ];
}

// Two overlapping sets of translucent bands: where both cross the colour is full, where one, half.
function gingham(color: Rgb, x: number, y: number): Rgb {
  const bands = Number(Math.floor(x / 8) % 2 === 0) + Number(Math.floor(y / 8) % 2 === 0);
  return bands === 2 ? color : bands === 1 ? mix(color, WHITE, 0.55) : WHITE;
}

// Thin lines on a light ground, alternating two colours, the check of a tattersall shirt.
function tattersall(color: Rgb, x: number, y: number): Rgb {
  const ground = mix(color, WHITE, 0.92);
  const accent = mix(color, BLACK, 0.45);
  if (x % 16 < 2 || y % 16 < 2) return color;
  if ((x + 8) % 16 === 0 || (y + 8) % 16 === 0) return accent;
  return ground;
}

// A symmetric sett of stripes woven in 2/2 twill: warp shows on half the diagonals, weft on the rest.
const SETT: ReadonlyArray<readonly [number, number]> = [
  [0, 6],
  [1, 2],
  [0, 6],
  [2, 8],
  [3, 1],
  [2, 8],
];
function tartanStripe(palette: readonly Rgb[], position: number): Rgb {
  const total = SETT.reduce((sum, [, width]) => sum + width, 0);
  let offset = position % total;
  for (const [index, width] of SETT) {
    if (offset < width) return palette[index] as Rgb;
    offset -= width;
  }
  return palette[0] as Rgb;
}
function tartan(color: Rgb, x: number, y: number): Rgb {
  const palette = [color, mix(color, BLACK, 0.6), mix(color, [46, 125, 50], 0.55), [250, 214, 72] as Rgb];
  const warp = tartanStripe(palette, x);
  const weft = tartanStripe(palette, y);
  return (x + y) % 4 < 2 ? warp : mix(weft, warp, 0.15);
}

// Houndstooth is what a 2/2 twill weaves from four dark and four light threads in warp and weft.
function houndstooth(color: Rgb, x: number, y: number): Rgb {
  const u = Math.floor(x / 2);
  const v = Math.floor(y / 2);
  const warpDark = u % 8 < 4;
  const weftDark = v % 8 < 4;
  const showsWarp = (u + v) % 4 < 2;
  return (showsWarp ? warpDark : weftDark) ? color : WHITE;
}

// A disc with a white ripple across it: a pond, for the bank named after a water-loving animal.
function platypus(color: Rgb, x: number, y: number): Rgb {
  const cx = x - SIZE / 2 + 0.5;
  const cy = y - SIZE / 2 + 0.5;
  if (Math.hypot(cx, cy) > SIZE / 2 - 8) return mix(color, WHITE, 0.85);
  const wave = 4 + 3 * Math.sin(cx / 4);
  if (Math.abs(cy - wave) < 2.5 || Math.abs(cy - wave + 11) < 1.5) return WHITE;
  return cy > wave ? mix(color, BLACK, 0.25) : color;
}

const PAINTERS: Record<LogoPattern, (color: Rgb, x: number, y: number) => Rgb> = {
  platypus,
  gingham,
  tattersall,
  tartan,
  houndstooth,
};

// Alpha for a rounded square, softened over one pixel so corners are not jagged.
function cornerAlpha(x: number, y: number): number {
  const r = CORNER_RADIUS;
  const dx = Math.max(r - (x + 0.5), x + 0.5 - (SIZE - r), 0);
  const dy = Math.max(r - (y + 0.5), y + 0.5 - (SIZE - r), 0);
  const outside = Math.hypot(dx, dy) - r;
  return Math.round(255 * Math.min(1, Math.max(0, 0.5 - outside)));
}

const cache = new Map<string, string>();

/** A 64x64 RGBA PNG of `pattern` in `color` ("#rrggbb"), base64 without a data: prefix, as Plaid sends logos. */
export function drawInstitutionLogo({ pattern, color }: { pattern: LogoPattern; color: string }): string {
  const key = `${pattern}:${color}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const rgb = parseHex(color);
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b] = PAINTERS[pattern](rgb, x, y);
      rgba.set([r, g, b, cornerAlpha(x, y)], (y * SIZE + x) * 4);
    }
  }
  const logo = encodePng({ width: SIZE, height: SIZE, rgba }).toString("base64");
  cache.set(key, logo);
  return logo;
}

export const LOGO_SIZE = SIZE;
