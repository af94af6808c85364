/** The site's icon: a folded newspaper corner in the accent colour. Replace it with `site.static`. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0a58ca"/><path d="M18 18h28v28H18z" fill="#fff"/><path d="M23 25h18M23 32h18M23 39h11" stroke="#0a58ca" stroke-width="4" stroke-linecap="round"/></svg>
`;
