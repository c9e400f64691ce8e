import { encode } from 'uqr';

/** The dark modules of a QR code, row by row, quiet zone included. */
export function qrMatrix(text: string): boolean[][] {
  // Medium error correction: survives a creased or smudged printout without growing the code much.
  return encode(text, { ecc: 'M', border: 4 }).data;
}

/**
 * A QR code as one SVG path: scales to any size without blurring, prints
 * sharp, and costs no canvas. Dark modules are black on a white square.
 */
export function qrSvg(text: string, label: string): string {
  const matrix = qrMatrix(text);
  const size = matrix.length;
  let path = '';
  matrix.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  const title = label.replace(/[<>&"]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="${title}"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
