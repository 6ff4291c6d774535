// Hash routes, so the same build works from a file, a custom protocol or the preview server.
// The tray sends the same paths through the `navigate` event.

export type Route =
  | { name: 'list' }
  | { name: 'settings' }
  | { name: 'add' }
  | { name: 'project'; id: number }
  | { name: 'edit'; id: number }
  | { name: 'qr'; id: number };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/settings') return { name: 'settings' };
  if (path === '/add') return { name: 'add' };
  const m = /^\/(project|qr|edit)\/(\d{1,16})$/.exec(path);
  if (m) {
    const id = Number(m[2]);
    if (Number.isSafeInteger(id)) {
      if (m[1] === 'qr') return { name: 'qr', id };
      return m[1] === 'edit' ? { name: 'edit', id } : { name: 'project', id };
    }
  }
  return { name: 'list' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'list':
      return '/';
    case 'settings':
      return '/settings';
    case 'add':
      return '/add';
    case 'edit':
      return `/edit/${route.id}`;
    case 'project':
      return `/project/${route.id}`;
    case 'qr':
      return `/qr/${route.id}`;
  }
}
