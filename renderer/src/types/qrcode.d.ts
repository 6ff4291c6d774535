// The part of the qrcode package the page uses. @types/qrcode brings Node's types with it (for its file and
// stream functions), and the page is type-checked without them: tsconfig.renderer.json maps 'qrcode' here.
export interface BitMatrix {
  readonly size: number;
  get(row: number, col: number): number;
}

export interface QRCode {
  readonly modules: BitMatrix;
  readonly version: number;
}

export interface QRCodeOptions {
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
}

declare const QRCodeModule: { create(text: string, options?: QRCodeOptions): QRCode };
export default QRCodeModule;
