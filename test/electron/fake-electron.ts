// A recording stand-in for the parts of Electron's main-process API that dist/main.cjs uses, so the real
// bundled main process can run under Node where Electron's binary is missing. It records what the app asks
// for (windows and their options, tray menus, IPC handlers, protocol handlers, permission handlers...) and
// lets a test play the user (tray clicks, key presses, navigation attempts). It is not Electron: it checks the
// wiring and the decisions, not Chromium's behaviour.
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent & Record<string, unknown> {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...extra,
  };
  return e;
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isLoading() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  fullScreen = false;
  destroyed = false;
  alwaysOnTop: { flag: boolean; level?: string } = { flag: false };
  allWorkspaces: { flag: boolean; options?: Record<string, unknown> } = { flag: false };
  /** What happened to the window, in order ('show', 'fullscreen', ...), to check the order of effects. */
  readonly log: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  async loadURL(url: string) {
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show() {
    this.visible = true;
    this.minimized = false;
    this.log.push('show');
  }
  hide() {
    this.visible = false;
    this.focused = false;
    this.log.push('hide');
  }
  focus() {
    this.focused = true;
  }
  /** Like a user clicking elsewhere (Windows: the taskbar, before a tray click arrives). */
  blur() {
    this.focused = false;
    this.emit('blur');
  }
  minimize() {
    this.minimized = true;
    this.focused = false;
  }
  setFullScreen(flag: boolean) {
    // Like Electron on Linux and macOS: going full screen shows a hidden window.
    if (flag && !this.visible) this.show();
    this.fullScreen = flag;
    this.log.push(flag ? 'fullscreen' : 'leave-fullscreen');
  }
  isFullScreen() {
    return this.fullScreen;
  }
  setVisibleOnAllWorkspaces(flag: boolean, options?: Record<string, unknown>) {
    this.allWorkspaces = { flag, ...(options ? { options } : {}) };
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setAlwaysOnTop(flag: boolean, level?: string) {
    this.alwaysOnTop = { flag, level };
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close() {
    if (this.destroyed) return;
    const e = fakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    FakeBrowserWindow.all = FakeBrowserWindow.all.filter((w) => w !== this);
    this.emit('closed');
  }
}

export interface MenuTemplateItem {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuTemplateItem[];
  click?: Handler;
}

export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  image: { path: string };
  tooltip = '';
  /** Every setToolTip call: on Linux each one re-sends the whole menu. */
  tooltipsSet = 0;
  /** The text of every setToolTip call, in order. */
  tooltips: string[] = [];
  menus: MenuTemplateItem[][] = [];
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image;
    FakeTray.all.push(this);
  }
  setImage(image: { path: string }) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
    this.tooltipsSet++;
    this.tooltips.push(text);
  }
  popUpContextMenu(menu: { template: MenuTemplateItem[] }) {
    this.popped.push(menu.template);
  }
  popped: MenuTemplateItem[][] = [];
  setContextMenu(menu: { template: MenuTemplateItem[] }) {
    this.menus.push(menu.template);
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  paths: Record<string, string> = {};
  exitCode: number | undefined;
  appUserModelId: string | undefined;
  focusCalls: unknown[] = [];
  loginItem: {
    openAtLogin: boolean;
    wasOpenedAtLogin: boolean;
    executableWillLaunchAtLogin?: boolean;
    launchItems?: { name: string; enabled: boolean }[];
  } = { openAtLogin: false, wasOpenedAtLogin: false };
  /** Every call to the login-item API, with its options (Windows matches entries by name, path and args). */
  loginItemCalls: { call: 'get' | 'set'; options: Record<string, unknown> | undefined }[] = [];
  whenReady() {
    return Promise.resolve();
  }
  requestSingleInstanceLock() {
    return true;
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getPath(name: string) {
    return this.paths[name] ?? `/nonexistent/${name}`;
  }
  getName() {
    return 'Picky Tray';
  }
  getVersion() {
    return '0.1.0-test';
  }
  getAppPath() {
    return '/app';
  }
  setAppUserModelId(id: string) {
    this.appUserModelId = id;
  }
  focus(options?: unknown) {
    this.focusCalls.push(options);
  }
  /** How many times quit was asked, and how many of those a before-quit listener held. */
  quitCalls = 0;
  quitsHeld = 0;
  private quitDone = false;
  private quitWaiters: (() => void)[] = [];
  /** As Electron's Browser::Quit: a held before-quit leaves the app running; one that passes closes every window. */
  quit() {
    this.quitCalls += 1;
    if (this.quitDone) return;
    const e = fakeEvent();
    this.emit('before-quit', e);
    if (e.defaultPrevented) {
      this.quitsHeld += 1;
      return;
    }
    this.quitDone = true;
    for (const w of [...FakeBrowserWindow.all]) w.close();
    for (const done of this.quitWaiters.splice(0)) done();
  }
  /** Resolves once a quit went through. */
  whenQuit(): Promise<void> {
    return this.quitDone ? Promise.resolve() : new Promise((resolve) => this.quitWaiters.push(resolve));
  }
  exit(code: number) {
    this.exitCode = code;
  }
  getLoginItemSettings(options?: Record<string, unknown>) {
    this.loginItemCalls.push({ call: 'get', options });
    return this.loginItem;
  }
  setLoginItemSettings(s: { openAtLogin: boolean } & Record<string, unknown>) {
    this.loginItemCalls.push({ call: 'set', options: s });
    this.loginItem = { ...this.loginItem, openAtLogin: s.openAtLogin };
    // Windows: the Run entry by its name; a new one starts out approved ("Enabled" in Task Manager).
    if (typeof s.name === 'string') {
      const others = (this.loginItem.launchItems ?? []).filter((i) => i.name !== s.name);
      this.loginItem.launchItems = s.openAtLogin ? [...others, { name: s.name, enabled: true }] : others;
    }
  }
}

class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = [];
  /** The next show() throws, as when the desktop's notification service has gone away. */
  static failNext = false;
  static isSupported() {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    if (FakeNotification.failNext) {
      FakeNotification.failNext = false;
      throw new Error('The notification service is not running');
    }
    FakeNotification.shown.push(this);
  }
}

export const fake = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: {
    applicationMenu: undefined as unknown,
    buildFromTemplate: (template: MenuTemplateItem[]) => ({ template }),
    setApplicationMenu(menu: unknown) {
      this.applicationMenu = menu;
    },
  },
  nativeImage: {
    createFromPath: (path: string) => ({
      path,
      template: false,
      setTemplateImage(this: { template: boolean }, t: boolean) {
        this.template = t;
      },
    }),
  },
  protocol: {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown[]) {
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      this.handlers.set(scheme, handler);
    },
  },
  session: {
    defaultSession: {
      permissionRequest: undefined as Handler | undefined,
      permissionCheck: undefined as Handler | undefined,
      devicePermission: undefined as Handler | undefined,
      setPermissionRequestHandler(h: Handler) {
        this.permissionRequest = h;
      },
      setPermissionCheckHandler(h: Handler) {
        this.permissionCheck = h;
      },
      setDevicePermissionHandler(h: Handler) {
        this.devicePermission = h;
      },
    },
  },
  shell: {
    opened: [] as string[],
    async openExternal(url: string) {
      this.opened.push(url);
    },
    openedPaths: [] as string[],
    /** Like Electron's: resolves to an error message, '' when the folder was shown. */
    async openPath(path: string) {
      this.openedPaths.push(path);
      return '';
    },
  },
  ipcMain: {
    handlers: new Map<string, Handler>(),
    handle(channel: string, handler: Handler) {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, handler);
    },
  },
  screen: {
    getCursorScreenPoint: () => ({ x: 2000, y: 300 }),
    getDisplayNearestPoint: () => ({ bounds: { x: 1920, y: 0, width: 1280, height: 1024 } }),
    getPrimaryDisplay: () => ({ bounds: { x: 0, y: 0, width: 1920, height: 1080 } }),
  },
  powerSaveBlocker: {
    active: new Set<number>(),
    next: 1,
    start(type: string) {
      if (type !== 'prevent-display-sleep') throw new Error(type);
      const id = this.next++;
      this.active.add(id);
      return id;
    },
    stop(id: number) {
      this.active.delete(id);
    },
    isStarted(id: number) {
      return this.active.has(id);
    },
  },
  powerMonitor: new EventEmitter(),
  net: {
    online: true,
    isOnline(): boolean {
      return this.online;
    },
  },
  clipboard: {
    text: '',
    writeText(t: string) {
      this.text = t;
    },
    readText() {
      return this.text;
    },
    clear() {
      this.text = '';
    },
  },
  contextBridge: {
    exposed: {} as Record<string, unknown>,
    exposeInMainWorld(key: string, api: unknown) {
      this.exposed[key] = api;
    },
  },
  /** The renderer side of IPC, wired straight to fake.ipcMain's handlers as if from `rendererSender`. */
  ipcRenderer: Object.assign(new EventEmitter(), {
    rendererSender: { id: 0, url: '' },
    async invoke(channel: string, ...args: unknown[]) {
      const handler = fake.ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const { id, url } = fake.ipcRenderer.rendererSender;
      return handler({ sender: { id }, senderFrame: { url, parent: null } }, ...args);
    },
  }),
  dialog: {
    errors: [] as string[][],
    showErrorBox(title: string, content: string) {
      this.errors.push([title, content]);
    },
  },
};
