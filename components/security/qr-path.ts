// A QR code (made by the qrcode library) as one SVG path of its dark modules, drawn by the page itself:
// no image file, no data: URL for the Content-Security-Policy to allow, nothing injected as HTML.
import QRCode from "qrcode";

export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  let path = "";
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) path += `M${column} ${row}h1v1h-1z`;
    }
  }
  return { size: modules.size, path };
}
