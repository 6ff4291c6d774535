// Who the app is to the operating system. Must equal `appId` and `productName` in electron-builder.yml
// (test/unit/main-packaging.test.ts checks): Windows matches toasts to the Start-menu shortcut the installer made
// by this id, and launch-at-login entries are found again by this name.
export const APP_ID = 'com.pickytray.app';
export const APP_NAME = 'Picky Tray';
