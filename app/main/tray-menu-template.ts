// Turns the plain MenuModel into Electron's menu template: one click callback, routed by item id.
// Pure (only Electron's types), so tests can walk the template the tray really gets.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuModel } from './tray-menu';

/** Electron reads a single `&` as a mnemonic marker on every platform and drops it; `&&` shows one.
 *  (electron/electron#9584) Project names are user data and may contain `&`. */
export function escapeMenuLabel(label: string): string {
  return label.replace(/&/g, '&&');
}

export function toMenuTemplate(model: MenuModel, onClick: (id: string) => void): MenuItemConstructorOptions[] {
  return model.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator', id: item.id };
      case 'submenu':
        return { id: item.id, label: escapeMenuLabel(item.label), submenu: toMenuTemplate(item.items, onClick) };
      case 'checkbox':
        return {
          type: 'checkbox',
          id: item.id,
          label: escapeMenuLabel(item.label),
          checked: item.checked,
          enabled: item.enabled,
          click: () => onClick(item.id),
        };
      case 'normal':
        return {
          type: 'normal',
          id: item.id,
          label: escapeMenuLabel(item.label),
          enabled: item.enabled,
          click: () => onClick(item.id),
        };
    }
  });
}
