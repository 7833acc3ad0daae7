import type { AppControllerRoute, AppViewRoute, BullBoardQueues, ControllerHandlerReturnType, IServerAdapter, UIConfig } from '@bull-board/api/typings/app';
import type { FastifyInstance } from 'fastify';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { assertSelfContainedStyles, selfContainedPage } from './board-page';

/**
 * Serves bull-board on Fastify: its page, its JSON API and its static files.
 * (Bull-board's own Fastify adapter pulls in @fastify/static, whose ESM-only
 * dependency the test runner cannot load.) The static files are the fixed set
 * the UI package ships, listed once at start: a request names one of them or
 * gets a 404, so no path can reach outside that folder. The page is served
 * without bull-board's link to Google Fonts (see board-page.ts).
 */
export class BoardRoutes implements IServerAdapter {
  private queues: BullBoardQueues = new Map();
  private uiConfig: UIConfig = {};
  private viewsPath = '';
  private staticRoute = '';
  private staticPath = '';
  private entryRoute: AppViewRoute | null = null;
  private apiRoutes: AppControllerRoute[] = [];
  private errorHandler: (error: Error) => ControllerHandlerReturnType = () => ({ status: 500, body: { error: 'Internal server error' } });

  constructor(private readonly basePath: string) {}

  setQueues(queues: BullBoardQueues): IServerAdapter {
    this.queues = queues;
    return this;
  }
  setViewsPath(path: string): IServerAdapter {
    this.viewsPath = path;
    return this;
  }
  setStaticPath(route: string, path: string): IServerAdapter {
    this.staticRoute = route;
    this.staticPath = path;
    return this;
  }
  setEntryRoute(route: AppViewRoute): IServerAdapter {
    this.entryRoute = route;
    return this;
  }
  setErrorHandler(handler: (error: Error) => ControllerHandlerReturnType): IServerAdapter {
    this.errorHandler = handler;
    return this;
  }
  setApiRoutes(routes: AppControllerRoute[]): IServerAdapter {
    this.apiRoutes = routes;
    return this;
  }
  setUIConfig(config: UIConfig): IServerAdapter {
    this.uiConfig = config;
    return this;
  }

  register(scope: FastifyInstance): void {
    if (!this.entryRoute) throw new Error('bull-board did not configure its routes');
    const view = this.entryRoute.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
    const page = selfContainedPage(renderView(readFileSync(join(this.viewsPath, view.name), 'utf8'), view.params));
    assertSelfContainedStyles(this.staticPath);
    // The board's root answers with and without the trailing slash; its page sets <base> to the latter.
    const pageUrls = ([] as string[]).concat(this.entryRoute.route).flatMap((url) => (url === '/' ? ['', '/'] : [url]));
    for (const url of pageUrls) {
      scope.get(`${this.basePath}${url}`, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
    }
    const files = listFiles(this.staticPath);
    scope.get(`${this.basePath}${this.staticRoute}/*`, async (request, reply) => {
      const file = files.get((request.params as { '*': string })['*']);
      if (!file) return reply.code(404).send({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
      return reply.type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream').send(createReadStream(file));
    });
    for (const route of this.apiRoutes) {
      const methods = ([] as string[]).concat(route.method).map((method) => method.toUpperCase() as 'GET');
      for (const url of ([] as string[]).concat(route.route)) {
        scope.route({
          method: methods,
          url: `${this.basePath}${url}`,
          handler: async (request, reply) => {
            let response: ControllerHandlerReturnType;
            try {
              response = await route.handler({
                queues: this.queues,
                uiConfig: this.uiConfig,
                params: request.params as Record<string, string>,
                query: request.query as Record<string, string>,
                body: (request.body ?? {}) as Record<string, unknown>,
                headers: request.headers as Record<string, string | undefined>,
              });
            } catch (error) {
              response = this.errorHandler(error as Error);
            }
            return reply.code(response.status ?? 200).send(response.body);
          },
        });
      }
    }
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Every file under `root`, by its path relative to it with forward slashes. */
function listFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    files.set(relative(root, absolute).split(sep).join('/'), absolute);
  }
  return files;
}

/** Bull-board's page template uses only `<%= name %>` (escaped) and `<%- name %>` (raw JSON, already escaped by bull-board). */
function renderView(template: string, params: Record<string, string>): string {
  const html = template.replace(/<%([=-])\s*(\w+)\s*%>/g, (_match, kind: string, name: string) => {
    const value = params[name] ?? '';
    return kind === '-' ? value : value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  });
  if (html.includes('<%')) throw new Error('the bull-board page template uses more than this renderer understands');
  return html;
}
