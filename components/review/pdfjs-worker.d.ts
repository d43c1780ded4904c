// The worker bundle ships without types; only its presence matters (see pdf-pages.tsx).
declare module "pdfjs-dist/build/pdf.worker.min.mjs" {
  export const WorkerMessageHandler: unknown;
}
